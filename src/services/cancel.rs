//! Cooperative cancellation of a long command-line job (`reos import properties`): a flag the
//! job checks between its transactions, and the wiring that sets it on SIGINT or SIGTERM (a
//! second signal exits at once with status 130).
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A cancellation flag shared by the job and whoever may stop it; clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the job to stop: it starts no new transaction, lets those in flight end, and records
    /// what it did.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Release);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Sets `cancel` on the first SIGINT or SIGTERM (saying so on stderr) and exits the process with
/// status 130 on the second. Call it from inside the tokio runtime; the listener lives as long as
/// the process.
pub fn cancel_on_signals(cancel: Cancel) {
    tokio::spawn(async move {
        let mut signals = match Signals::new() {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGINT/SIGTERM; a signal stops the import at once");
                return;
            }
        };
        signals.recv().await;
        eprintln!(
            "interrupted: no new batch starts; waiting for the batches in flight, then recording the run \
             (signal again to abort at once)"
        );
        cancel.cancel();
        signals.recv().await;
        eprintln!("aborted by a second signal");
        std::process::exit(130);
    });
}

/// SIGINT and SIGTERM as one stream.
struct Signals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(unix)]
    async fn recv(&mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }

    #[cfg(not(unix))]
    fn new() -> std::io::Result<Self> {
        Ok(Self {})
    }

    #[cfg(not(unix))]
    async fn recv(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}

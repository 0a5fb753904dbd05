//! Runs the real `reos serve` binary as a child process on a free port with a temporary data
//! folder (SQLite, demo seed, development auth) and reads the port and development token it
//! prints, for tests that need a separate process: signals, peak memory of the server alone.
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub url: String,
    /// The development token `serve` prints (tenant demo, role admin).
    pub token: String,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts `reos serve` with extra environment variables.
    pub fn start(env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_reos"));
        cmd.arg("serve")
            .env("REOS_LISTEN", "127.0.0.1:0")
            .env("REOS_DATA_DIR", dir.path())
            .env_remove("REOS_DATABASE_URL")
            .env_remove("REOS_CONFIG")
            .env("RUST_LOG", "warn")
            .env("REOS_JOBS__ENABLED", "false")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut url = None;
        let mut token = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(u) = line.split("GraphiQL: ").nth(1) {
                url = Some(u.trim_end_matches("/graphql").to_owned());
            } else if url.is_some() && line.matches('.').count() == 2 && !line.contains(' ') {
                token = Some(line);
                break;
            }
        }
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            url: url.expect("serve printed its URL"),
            token: token.expect("serve printed a development token"),
            _dir: dir,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`TERM`, `INT`, `KILL`) with the system's `kill`.
    pub fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits for the process to exit, at most `limit`; its exit status if it did.
    pub fn wait_for_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// A field of `/proc/<pid>/status` in kB (`VmRSS`, `VmHWM`).
    pub fn memory_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

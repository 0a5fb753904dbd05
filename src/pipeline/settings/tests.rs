//! Unit tests of `pipeline::settings`.
use super::*;

#[test]
fn the_shipped_settings_file_equals_the_defaults() {
    assert_eq!(
        PipelineSettings::from_toml(DEFAULT_SETTINGS_TOML).unwrap(),
        PipelineSettings::default()
    );
}

#[test]
fn partial_files_keep_defaults_and_bad_values_are_refused() {
    let s = PipelineSettings::from_toml("[trust]\nhalf_life_days = 90\n").unwrap();
    assert_eq!((s.trust.half_life_days, s.trust.default_reliability), (90.0, 0.5));
    let bad = "[hazards.weights]\nflood = 0.5\nwildfire = 0.5\nheat = 0.5\n";
    assert!(matches!(
        PipelineSettings::from_toml(bad),
        Err(SettingsError::Hazards(HazardError::WeightSum(_)))
    ));
    assert!(matches!(
        PipelineSettings::from_toml("hazard_radius_m = 0\n"),
        Err(SettingsError::Radius(_))
    ));
    assert!(matches!(
        PipelineSettings::from_toml("[trust]\nhalf_life_days = -1\n"),
        Err(SettingsError::Trust(_))
    ));
    assert!(matches!(
        PipelineSettings::from_toml("[hazards]\ncap_rate = 0\n"),
        Err(SettingsError::Hazards(_))
    ));
    assert!(matches!(
        PipelineSettings::from_toml("radius = 1\n"),
        Err(SettingsError::Toml(_))
    ));
}

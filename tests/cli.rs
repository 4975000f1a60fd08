//! The command line end to end: exit codes, help with examples, `check` on a broken plan,
//! `generate` determinism.

use crate::common;

use common::{repo, run as onedoor, text};

#[test]
fn check_reports_violations_with_codes_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good =
        std::fs::read_to_string(repo("tests/fixtures/tiny-good.plan.json")).expect("fixture");
    let mut plan: serde_json::Value = serde_json::from_str(&good).expect("json");
    // Drop every crew member but the first of the first visit: too few certified (C6).
    if let Some(crew) = plan["visits"][0]["crew"].as_array_mut() {
        crew.truncate(1);
    }
    let broken = dir.path().join("broken.plan.json");
    std::fs::write(&broken, plan.to_string()).expect("write");
    let out = onedoor([
        "check".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        broken.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("C6")), "{stdout}");
    assert!(stdout.contains("objective"), "{stdout}");

    let ok = onedoor([
        "check".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        repo("tests/fixtures/tiny-good.plan.json").as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(text(&ok.stdout).trim_end().ends_with("valid"));

    let unreadable = onedoor([
        "check".as_ref(),
        repo("scenarios/tiny.json").as_os_str(),
        dir.path().join("none.json").as_os_str(),
    ]);
    assert_eq!(unreadable.status.code(), Some(2));
}

#[test]
fn generate_is_deterministic_and_rejects_bad_presets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for f in [&a, &b] {
        let out = onedoor([
            "generate".as_ref(),
            "--preset".as_ref(),
            "tiny".as_ref(),
            "--seed".as_ref(),
            "3".as_ref(),
            "-o".as_ref(),
            f.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let bad = onedoor([
        "generate".as_ref(),
        "--preset".as_ref(),
        "galaxy".as_ref(),
        "-o".as_ref(),
        a.as_os_str(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn help_teaches_with_examples_and_version_prints() {
    let help = onedoor(["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Examples:"));
    for sub in ["plan", "check", "stats", "generate", "whatif", "diff"] {
        let out = onedoor([sub, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(
            text(&out.stdout).contains("Examples:"),
            "{sub} --help has no examples"
        );
    }
    let version = onedoor(["--version"]);
    assert!(text(&version.stdout).starts_with("onedoor "));
    let unknown = onedoor(["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn plan_of_a_missing_file_exits_2() {
    let out = onedoor(["plan", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no-such-file.json"));
}

//! Self-tests of the pty harness in `tests/support/pty.rs`, run against
//! standard programs (`sh`, `sleep`, `stty`, ...) rather than trustbank.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::pty::PtySession;

const TIMEOUT: Duration = Duration::from_secs(5);

fn sh(script: &str, cols: u16, rows: u16) -> PtySession {
    PtySession::spawn(Path::new("/bin/sh"), &["-c", script], &[], cols, rows).expect("spawn /bin/sh in a pty")
}

#[test]
fn alternate_screen_input_and_exit_code() {
    let mut s = sh(
        r#"printf '\033[?1049h\033[?25l'; printf 'name? '; read x; printf 'got:%s\n' "$x"; printf '\033[?25h\033[?1049l'"#,
        80,
        24,
    );
    s.wait_for("name?", TIMEOUT).unwrap();
    assert!(s.alternate_screen(), "alternate screen should be active");
    assert!(s.cursor_hidden(), "cursor should be hidden");

    s.send("hello\r");
    let status = s.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "exit status: {status}");
    assert_eq!(status.exit_code(), 0);

    // The "got:" line was drawn on the alternate screen, which is gone now.
    assert!(!s.alternate_screen(), "screen:\n{}", s.screen());
    assert!(!s.cursor_hidden());
    assert!(s.output_contains("got:hello"));
    assert!(s.output_contains("\x1b[?1049l"));
    assert!(s.output_contains("\x1b[?25h"));
    let raw = s.output_bytes();
    assert!(raw.ends_with(b"\x1b[?25h\x1b[?1049l"), "raw output: {raw:?}");
}

#[test]
fn wait_for_sees_text_drawn_on_alternate_screen() {
    let mut s = sh(r#"printf '\033[?1049h'; read x; printf 'got:%s' "$x"; read y"#, 80, 24);
    s.send("hello\r");
    s.wait_for("got:hello", TIMEOUT).unwrap();
    assert!(s.alternate_screen());
    s.send("\r");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 0);
}

#[test]
fn exit_code_is_reported() {
    let mut s = sh("exit 3", 80, 24);
    let status = s.wait_exit(TIMEOUT).unwrap();
    assert_eq!(status.exit_code(), 3);
    assert_eq!(status.signal(), None);
    // Calling it again returns the cached status.
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 3);
}

#[test]
fn sigterm_ends_child_and_is_reported() {
    let mut s = PtySession::spawn(Path::new("sleep"), &["30"], &[], 80, 24).expect("spawn sleep");
    s.signal("TERM").unwrap();
    let status = s.wait_exit(Duration::from_secs(2)).unwrap();
    assert!(!status.success());
    assert!(status.signal().is_some(), "status: {status}");
    // No more signals once the child has been reaped.
    assert!(s.signal("KILL").is_err());
}

#[test]
fn closing_the_terminal_hangs_it_up_as_closing_a_window_does() {
    // The shell leads the terminal's session: it gets SIGHUP, and a read of
    // the terminal fails.
    let mut s = sh("trap 'exit 7' HUP; printf 'ready\n'; while :; do sleep 0.05; done", 80, 24);
    s.wait_for("ready", TIMEOUT).unwrap();
    s.close_terminal();
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 7);
    // Nothing can be typed into a closed terminal.
    let typed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| s.send("x")));
    assert!(typed.is_err());
}

#[test]
fn wait_exit_times_out_and_kills() {
    let mut s = PtySession::spawn(Path::new("sleep"), &["30"], &[], 80, 24).expect("spawn sleep");
    let err = s.wait_exit(Duration::from_millis(100)).unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    // The child was killed and reaped.
    let status = s.wait_exit(Duration::from_millis(100)).unwrap();
    assert!(status.signal().is_some(), "status: {status}");
}

#[test]
fn drop_kills_child() {
    let s = PtySession::spawn(Path::new("sleep"), &["30"], &[], 80, 24).expect("spawn sleep");
    let pid = s.pid().expect("pid").to_string();
    drop(s);
    let alive = std::process::Command::new("kill")
        .args(["-0", &pid])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run kill -0");
    assert!(!alive.success(), "process {pid} survived the drop");
}

#[test]
fn answers_cursor_position_and_device_attribute_queries() {
    // Raw mode so the replies are neither echoed nor line-buffered; read the
    // 6-byte position report, then the 7-byte device-attributes reply, and
    // print them with ESC made visible.
    let mut s = sh(
        r#"stty raw -echo
printf '\033[6n'; a=$(dd bs=1 count=6 2>/dev/null)
printf 'ab\r\n  \033[6n\033[c'; b=$(dd bs=1 count=13 2>/dev/null)
stty sane
printf '\r\nA=%s B=%s\n' "$a" "$b" | tr '\033' E"#,
        80,
        24,
    );
    s.wait_for("A=E[1;1R B=E[2;3RE[?1;2c", TIMEOUT).unwrap();
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 0);
}

#[test]
fn wait_for_fails_fast_with_screen_when_program_exits() {
    let s = sh("echo bye", 80, 24);
    let start = Instant::now();
    let err = s.wait_for("never printed", TIMEOUT).unwrap_err();
    assert!(start.elapsed() < TIMEOUT, "did not fail fast");
    assert!(err.contains("closed the terminal"), "{err}");
    assert!(err.contains("bye"), "error should show the screen: {err}");
}

#[test]
fn wait_for_timeout_shows_screen() {
    let s = sh("echo waiting; read x", 80, 24);
    let err = s.wait_for("never printed", Duration::from_millis(200)).unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("waiting"), "{err}");
}

#[test]
fn size_term_env_and_cwd() {
    let mut s = PtySession::spawn(
        Path::new("/bin/sh"),
        &["-c", r#"stty size; echo "term=$TERM x=$X_TEST"; pwd"#],
        &[("X_TEST", "42")],
        100,
        30,
    )
    .expect("spawn");
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 0);
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines[0], "30 100", "screen:\n{screen}");
    assert_eq!(lines[1], "term=xterm-256color x=42", "screen:\n{screen}");
    let cwd = std::env::current_dir().expect("current dir");
    assert_eq!(Path::new(lines[2]), cwd, "screen:\n{screen}");
}

#[test]
fn resize_reaches_child() {
    let mut s = sh("read x; stty size", 80, 24);
    s.resize(120, 40).unwrap();
    s.send("\r");
    s.wait_for("40 120", TIMEOUT).unwrap();
    assert_eq!(s.wait_exit(TIMEOUT).unwrap().exit_code(), 0);
}

#[test]
fn large_output_is_drained() {
    // ~590 KB, far more than a pty buffer: the child must not block.
    let mut s = sh("seq 1 100000; echo done", 80, 24);
    let status = s.wait_exit(TIMEOUT).unwrap();
    assert_eq!(status.exit_code(), 0);
    assert!(s.screen().contains("100000\ndone"), "screen:\n{}", s.screen());
    assert!(s.output_bytes().len() > 500_000);
}

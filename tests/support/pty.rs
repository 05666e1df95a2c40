//! Pseudo-terminal harness for end-to-end tests of interactive (TUI) programs.
//!
//! [`PtySession::spawn`] starts a program on the slave side of a fresh pty. A
//! background thread keeps draining the master side (so the child never blocks
//! on a full pty buffer), records every byte, feeds a [`vt100`] parser that
//! models the screen, and answers the terminal queries a TUI library such as
//! crossterm may send:
//!
//! * `ESC [ 6 n` (cursor position report) -> `ESC [ row ; col R`, the real
//!   1-based cursor position of the emulated screen (`ESC [ 1 ; 1 R` on a
//!   fresh screen);
//! * `ESC [ c` (primary device attributes) -> `ESC [ ? 1 ; 2 c`;
//! * `ESC [ 5 n` (device status) -> `ESC [ 0 n`.
//!
//! `ESC [ ? u` (kitty keyboard-enhancement query) is deliberately left
//! unanswered: crossterm sends it together with `ESC [ c` and treats "only the
//! device-attributes reply arrived" as "keyboard enhancement unsupported", so
//! keys keep their legacy encoding and tests can send plain bytes.
//!
//! All waiting is done by polling with a deadline; failures return `Err`
//! messages that include the current screen, so `expect`/`unwrap` on them in a
//! test produces a readable report.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Exit status of the child: `exit_code()`, `signal()` (e.g. `Some("Terminated")`
/// when killed by SIGTERM; the exit code is then 1), `success()`.
pub use portable_pty::ExitStatus;

const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// How long [`PtySession::wait_exit`] waits, at least, for the reader to see
/// EOF after the child has exited, so that [`PtySession::output_bytes`] and the
/// screen contain everything the child wrote.
const DRAIN_GRACE: Duration = Duration::from_secs(1);

/// A program running in a pseudo-terminal, with an emulated screen.
///
/// Dropping the session kills the child if it is still running.
pub struct PtySession {
    program: String,
    shared: Arc<Mutex<Shared>>,
    /// The master side, written to. A plain duplicate of its descriptor:
    /// portable-pty's own writer types a new line and an EOF into the
    /// program when dropped, which [`PtySession::close_terminal`] must not.
    /// `None` once the terminal is closed.
    writer: Arc<Mutex<Option<File>>>,
    /// `None` once the terminal is closed.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to let go of its descriptor.
    hang_up: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    exit_status: Option<ExitStatus>,
    /// The device folders of this session (see `TRUSTBANK_DEVICE_DIR`),
    /// unless `env` chose them: no test writes to the real home.
    _device_dir: Option<tempfile::TempDir>,
}

/// State shared between the session and its reader thread.
struct Shared {
    parser: vt100::Parser<Responder>,
    raw: Vec<u8>,
    /// The reader saw EOF (every handle on the slave side is closed) or failed;
    /// nothing will change any more.
    closed: bool,
    read_error: Option<String>,
}

/// Collects replies to terminal queries found while parsing the output.
#[derive(Default)]
struct Responder {
    replies: Vec<u8>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, i2, c, first) {
            (None, None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.replies.extend_from_slice(reply.as_bytes());
            }
            (None, None, 'n', 5) => self.replies.extend_from_slice(b"\x1b[0n"),
            (None, None, 'c', 0) => self.replies.extend_from_slice(b"\x1b[?1;2c"),
            _ => {}
        }
    }
}

impl PtySession {
    /// Spawns `program` with `args` in a pty of `cols` x `rows`.
    ///
    /// The child inherits the test's environment and working directory (not
    /// portable-pty's default of `$HOME`), with `TERM=xterm-256color`,
    /// `LINES`/`COLUMNS` removed (they would override the pty size), and then
    /// `env` applied on top (so `env` may override `TERM`). A `program`
    /// without a slash is looked up in `PATH`.
    pub fn spawn(program: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> io::Result<PtySession> {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .map_err(|e| pty_error("cannot open a pty", e))?;

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(std::env::current_dir()?);
        cmd.env_remove("LINES");
        cmd.env_remove("COLUMNS");
        cmd.env("TERM", "xterm-256color");
        let device_dir = match env.iter().any(|(key, _)| *key == "TRUSTBANK_DEVICE_DIR") {
            true => None,
            false => Some(tempfile::tempdir()?),
        };
        if let Some(dir) = &device_dir {
            cmd.env("TRUSTBANK_DEVICE_DIR", dir.path());
        }
        // Who is at the keyboard is the session's to say, not the shell's.
        cmd.env_remove("TRUSTBANK_AS");
        for (key, value) in env {
            cmd.env(key, value);
        }

        let master_fd = pair.master.as_raw_fd().ok_or_else(|| io::Error::other("the pty master has no descriptor"))?;
        // SAFETY: the master owns this descriptor and outlives the borrow,
        // which only lasts for the two duplicates.
        let master_fd = unsafe { BorrowedFd::borrow_raw(master_fd) };
        let reader = File::from(rustix::io::dup(master_fd)?);
        let writer = File::from(rustix::io::dup(master_fd)?);
        let child =
            pair.slave.spawn_command(cmd).map_err(|e| pty_error(&format!("cannot spawn {}", program.display()), e))?;
        // Only the child may hold the slave side, otherwise the reader never
        // sees EOF when the child exits.
        drop(pair.slave);

        let session = PtySession {
            program: format!("{} {}", program.display(), args.join(" ")).trim_end().to_string(),
            shared: Arc::new(Mutex::new(Shared {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Responder::default()),
                raw: Vec::new(),
                closed: false,
                read_error: None,
            })),
            writer: Arc::new(Mutex::new(Some(writer))),
            master: Some(pair.master),
            hang_up: Arc::new(AtomicBool::new(false)),
            reader: None,
            child,
            exit_status: None,
            _device_dir: device_dir,
        };
        let shared = Arc::clone(&session.shared);
        let writer = Arc::clone(&session.writer);
        let hang_up = Arc::clone(&session.hang_up);
        // On failure `session` is dropped here, which kills the child.
        let mut session = session;
        session.reader = Some(
            thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || reader_loop(reader, &shared, &writer, &hang_up))?,
        );
        Ok(session)
    }

    /// Closes the terminal as closing its window does: every descriptor of
    /// the master side is closed, so the program's terminal hangs up (its
    /// session leader gets SIGHUP, reads and writes fail). The screen keeps
    /// what was drawn before; nothing can be sent afterwards.
    pub fn close_terminal(&mut self) {
        self.hang_up.store(true, Ordering::Release);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        lock(&self.writer).take();
        self.master.take();
    }

    /// Writes raw bytes/keys to the program's terminal input, e.g. `"a"`,
    /// `"\r"` (Enter), `"\x1b"` (Esc), `"\x13"` (Ctrl-S), `"\x1b[A"` (Up).
    ///
    /// Panics (with the current screen) if the write fails.
    pub fn send(&mut self, keys: &str) {
        let result = match lock(&self.writer).as_mut() {
            Some(writer) => writer.write_all(keys.as_bytes()).and_then(|()| writer.flush()),
            None => Err(io::Error::other("the terminal is closed")),
        };
        if let Err(err) = result {
            panic!("{}", self.failure(&format!("cannot send {keys:?}: {err}")));
        }
    }

    /// The current screen contents: one line per terminal row (trailing blanks
    /// trimmed), joined by `'\n'`.
    pub fn screen(&self) -> String {
        screen_text(lock(&self.shared).parser.screen())
    }

    /// The welcome greets a new journal and, once on each computer, one
    /// begun from the shell whose people still have the default names:
    /// when it shows, Esc skips it, and this waits until it has gone (an
    /// Esc with the next key close behind reads as Alt and that key).
    pub fn skip_welcome(&mut self, timeout: Duration) -> Result<(), String> {
        const WELCOME: &str = "Welcome to trustbank";
        // The first frame whole: its last row, the footer, is drawn last.
        self.wait_until("the first frame's footer", timeout, |screen| {
            let (rows, cols) = screen.size();
            screen.rows(0, cols).nth(usize::from(rows.saturating_sub(1))).is_some_and(|last| !last.trim().is_empty())
        })?;
        if self.screen().contains(WELCOME) {
            self.send("\x1b");
            self.wait_until("the welcome to close", timeout, |screen| !screen_text(screen).contains(WELCOME))?;
        }
        Ok(())
    }

    /// Waits until the screen contains `needle` (within a single row).
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{needle:?} on screen"), timeout, |screen| screen_text(screen).contains(needle))
    }

    /// Waits until `done` holds for the emulated screen, polling every 20 ms.
    ///
    /// Fails when `timeout` elapses, or immediately once the program has closed
    /// the terminal (exited) without `done` becoming true. `what` describes
    /// the awaited condition in the error message.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let closed = {
                let shared = lock(&self.shared);
                if done(shared.parser.screen()) {
                    return Ok(());
                }
                shared.closed
            };
            if closed {
                return Err(self.failure(&format!("the program closed the terminal before {what}")));
            }
            if Instant::now() >= deadline {
                return Err(self.failure(&format!("timed out after {timeout:?} waiting for {what}")));
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// Waits for the child to exit and for its output to be drained.
    ///
    /// On timeout the child is killed and `Err` (with the screen) is returned.
    /// May be called again after the child has exited.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = &self.exit_status {
                break status.clone();
            }
            match self.child.try_wait() {
                Ok(Some(status)) => self.exit_status = Some(status),
                Ok(None) if Instant::now() >= deadline => {
                    let message = self
                        .failure(&format!("timed out after {timeout:?} waiting for the program to exit (killing it)"));
                    self.kill();
                    return Err(message);
                }
                Ok(None) => thread::sleep(POLL_INTERVAL),
                Err(err) => return Err(self.failure(&format!("cannot poll the child: {err}"))),
            }
        };
        // The child is gone; give the reader a moment to drain its last output.
        let drain_deadline = deadline.max(Instant::now() + DRAIN_GRACE);
        while !lock(&self.shared).closed && Instant::now() < drain_deadline {
            thread::sleep(POLL_INTERVAL);
        }
        Ok(status)
    }

    /// All raw bytes the program has written so far.
    pub fn output_bytes(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Whether the raw output so far contains `needle`, e.g. `"\x1b[?1049l"`
    /// (leave alternate screen) or `"\x1b[?25h"` (show cursor).
    pub fn output_contains(&self, needle: &str) -> bool {
        let needle = needle.as_bytes();
        needle.is_empty() || lock(&self.shared).raw.windows(needle.len()).any(|w| w == needle)
    }

    /// Whether the emulated terminal is currently showing the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        lock(&self.shared).parser.screen().alternate_screen()
    }

    /// Whether the emulated terminal's cursor is currently hidden.
    pub fn cursor_hidden(&self) -> bool {
        lock(&self.shared).parser.screen().hide_cursor()
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Sends `signal` (`"TERM"`, `"SIGTERM"`, `"KILL"`, `"9"`, ...) to the
    /// child with the `kill` utility.
    pub fn signal(&self, signal: &str) -> Result<(), String> {
        if self.exit_status.is_some() {
            return Err(format!("cannot send SIG{signal}: {} already exited", self.program));
        }
        let pid = self.pid().ok_or_else(|| format!("cannot send SIG{signal}: no pid for {}", self.program))?;
        let name = signal.strip_prefix("SIG").unwrap_or(signal);
        let output = Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .output()
            .map_err(|e| format!("cannot run `kill -s {name} {pid}`: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "`kill -s {name} {pid}` failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }

    /// Resizes the terminal (the child gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) -> Result<(), String> {
        // Resize the model first so the child's redraw lands on the new size.
        lock(&self.shared).parser.screen_mut().set_size(rows, cols);
        let master = self.master.as_ref().ok_or("cannot resize: the terminal is closed")?;
        master
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .map_err(|e| format!("cannot resize the pty to {cols}x{rows}: {e:#}"))
    }

    /// Kills the child (SIGHUP, then SIGKILL after a short grace period) and
    /// reaps it, unless it has already exited.
    fn kill(&mut self) {
        if self.exit_status.is_some() {
            return;
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            self.exit_status = Some(status);
            return;
        }
        // Errors mean the child is already gone; `wait` reaps it either way.
        let _ = self.child.kill();
        if let Ok(status) = self.child.wait() {
            self.exit_status = Some(status);
        }
    }

    /// An error message: `headline` followed by the terminal state.
    fn failure(&self, headline: &str) -> String {
        let shared = lock(&self.shared);
        let screen = shared.parser.screen();
        let (rows, cols) = screen.size();
        let read_error = shared.read_error.as_ref().map(|err| format!(", read error: {err}")).unwrap_or_default();
        let state = format!(
            "alternate screen: {}, cursor hidden: {}, output closed: {}, bytes received: {}{read_error}",
            screen.alternate_screen(),
            screen.hide_cursor(),
            shared.closed,
            shared.raw.len(),
        );
        format!(
            "{headline}\nprogram: {}\n{state}\n--- screen ({cols}x{rows}) ---\n{}\n--- end of screen ---",
            self.program,
            screen_text(screen),
        )
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Drains the pty master until EOF, feeding the parser and answering queries,
/// or until `hang_up` asks it to let go of the master (looked at every
/// [`POLL_INTERVAL`], so it never sits in a read that would keep the
/// terminal open).
fn reader_loop(mut reader: File, shared: &Mutex<Shared>, writer: &Mutex<Option<File>>, hang_up: &AtomicBool) {
    let mut buf = vec![0u8; 16 * 1024];
    let error = loop {
        if hang_up.load(Ordering::Acquire) {
            break None;
        }
        match readable(reader.as_fd()) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(err) => break Some(err.to_string()),
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => break None,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            // EIO: every handle on the slave side is closed.
            Err(err) if err.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error()) => break None,
            Err(err) => break Some(err.to_string()),
        };
        let replies = {
            let mut shared = lock(shared);
            shared.raw.extend_from_slice(&buf[..n]);
            shared.parser.process(&buf[..n]);
            std::mem::take(&mut shared.parser.callbacks_mut().replies)
        };
        if !replies.is_empty()
            && let Some(writer) = lock(writer).as_mut()
        {
            // Best effort: if the child is gone, nobody needs the reply.
            let _ = writer.write_all(&replies).and_then(|()| writer.flush());
        }
    };
    let mut shared = lock(shared);
    shared.closed = true;
    shared.read_error = error;
}

/// Waits up to [`POLL_INTERVAL`] for `fd` to have something to read (or to
/// hang up, which a read then reports).
fn readable(fd: BorrowedFd<'_>) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let timeout = Timespec { tv_sec: 0, tv_nsec: POLL_INTERVAL.as_nanos() as _ };
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    match poll(&mut fds, Some(&timeout)) {
        Ok(n) => Ok(n > 0),
        Err(rustix::io::Errno::INTR) => Ok(false),
        Err(err) => Err(err.into()),
    }
}

fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols).collect::<Vec<_>>().join("\n")
}

fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not hide the terminal state from others.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn pty_error(what: &str, err: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("{what}: {err:#}"))
}

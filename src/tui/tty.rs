//! The terminal as a file: whether it hung up (its window was closed, the
//! ssh connection dropped), and getting crossterm's key reader out of the
//! loop it falls into then.

use std::io::IsTerminal;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Mutex;

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// The terminal keys are read from.
pub struct Tty {
    /// A descriptor of our own on it; `None` when there is no terminal to
    /// watch (or one `poll` cannot watch, as on some systems).
    fd: Option<OwnedFd>,
    /// Whether crossterm reads the keys from standard input (it does when
    /// that is the terminal), so [`Tty::unstick`] can reach its reader.
    on_stdin: bool,
    /// The writing end of the empty pipe put in the terminal's place,
    /// kept open so that reading it says "nothing yet", not "the end".
    plug: Mutex<Option<std::io::PipeWriter>>,
}

impl Tty {
    /// The terminal crossterm reads from: standard input when it is one,
    /// else the process's terminal.
    pub fn open() -> Tty {
        let on_stdin = std::io::stdin().is_terminal();
        let fd = if on_stdin {
            rustix::io::dup(std::io::stdin()).ok()
        } else {
            std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
        };
        let tty = Tty { fd, on_stdin, plug: Mutex::new(None) };
        // A terminal that reports a hang-up before anything happened is one
        // `poll` cannot watch: better unwatched than ended at once.
        if tty.hung_up() { Tty { fd: None, ..tty } } else { tty }
    }

    /// Whether the terminal hung up: nothing typed will ever come, and
    /// nothing drawn will be seen.
    pub fn hung_up(&self) -> bool {
        let Some(fd) = &self.fd else { return false };
        let mut fds = [PollFd::new(fd, PollFlags::IN)];
        let now = Timespec { tv_sec: 0, tv_nsec: 0 };
        match poll(&mut fds, Some(&now)) {
            Ok(_) => fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR),
            Err(_) => false,
        }
    }

    /// After a hang-up crossterm's reader never returns: every read of the
    /// terminal fails at once (or says "the end"), and it reads again, so a
    /// core spins and the event loop sees no tick and no signal. An empty
    /// pipe put where it reads (standard input) makes its next read say
    /// "nothing yet", and it returns. The terminal is gone anyway.
    pub fn unstick(&self) {
        if !self.on_stdin {
            return;
        }
        let mut plug = self.plug.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if plug.is_some() {
            return;
        }
        let Ok((reader, writer)) = std::io::pipe() else { return };
        if rustix::io::ioctl_fionbio(reader.as_fd(), true).is_ok() && rustix::stdio::dup2_stdin(&reader).is_ok() {
            *plug = Some(writer);
        }
    }
}

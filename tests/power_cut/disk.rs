//! A simulated disk that loses power, in the manner of SQLite's test VFS.
//!
//! [`PowerCut`] stands in for the file system behind the storage's `Faults`
//! seam. Every operation of a save really runs on the real disk (so the
//! store's own reads and checks see what it wrote), and is also played on a
//! model of what the disk holds *durably*. After a given number of
//! operations the power goes: that operation and every later one fail, as
//! if the process had died there. [`PowerCut::crash`] then puts the real
//! folders back to what the model says survived, and the test reopens them.
//!
//! The model is the harshest a POSIX file system plausibly gives:
//! - A file's bytes are durable only once the file is fsynced. A file with
//!   bytes written since its last fsync comes back with the length it had
//!   reached but every byte zero (the size reached the journal, the data did
//!   not: the NUL-filled file XFS and ext4 in writeback mode leave).
//! - A name's creation, rename or removal in a folder is durable only once
//!   that folder is fsynced; until then a crash undoes it. An fsync of the
//!   file itself does not make its name durable.
//! - A folder created and not made durable by an fsync of its parent
//!   vanishes with everything in it.
//! - Or, the other way a crash can go ([`Crash::KeepingNames`]): the file
//!   system's metadata journal happened to commit every name change before
//!   the power went, while file bytes still obey the first rule. This is
//!   what catches a rename made before the bytes were fsynced.
//! - Whatever was on disk before the simulation first touched it is
//!   durable (it was written long ago).
//!
//! Files the seam never touches (the lock file) are left alone.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use trustbank::storage::atomic::{Faults, NoFaults, Step, TempFile};

/// A simulated disk that loses power after a number of operations.
#[derive(Debug)]
pub struct PowerCut {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Operations that may still run before the power goes (`None`: all).
    budget: Option<usize>,
    powered: bool,
    /// Every operation that really ran, in order, e.g. `fsync folder /x`.
    ran: Vec<String>,
    /// What each touched name holds: now, and durably.
    names: BTreeMap<PathBuf, Slot>,
    files: Vec<Inode>,
}

/// Which way a crash goes for the name changes not yet made durable by an
/// fsync of their folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crash {
    /// Every one is undone.
    UndoingNames,
    /// Every one was committed anyway.
    KeepingNames,
}

impl Crash {
    pub const BOTH: [Crash; 2] = [Crash::UndoingNames, Crash::KeepingNames];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    File(usize),
    Folder,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    now: Option<Node>,
    durable: Option<Node>,
}

#[derive(Debug)]
struct Inode {
    now: Vec<u8>,
    durable: Vec<u8>,
    /// Bytes were written since the last fsync.
    dirty: bool,
}

fn power_off() -> io::Error {
    io::Error::other("the power is off (simulated power cut)")
}

impl PowerCut {
    /// A disk whose power goes just before operation number `budget` (0:
    /// before the first). `None` keeps it on until [`PowerCut::crash`].
    pub fn after(budget: Option<usize>) -> PowerCut {
        PowerCut {
            state: Mutex::new(State {
                budget,
                powered: true,
                ran: Vec::new(),
                names: BTreeMap::new(),
                files: Vec::new(),
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the power went during the run.
    pub fn cut(&self) -> bool {
        !self.state().powered
    }

    /// The operations that really ran, in order.
    pub fn ran(&self) -> Vec<String> {
        self.state().ran.clone()
    }

    /// Cuts the power now (if it is still on) and leaves on the real disk
    /// only what survives it.
    pub fn crash(&self, how: Crash) {
        let mut state = self.state();
        state.powered = false;
        let survives = |slot: &Slot| match how {
            Crash::UndoingNames => slot.durable,
            Crash::KeepingNames => slot.now,
        };
        let names: Vec<(PathBuf, Option<Node>)> = state.names.iter().map(|(p, s)| (p.clone(), survives(s))).collect();
        for (path, node) in &names {
            // A folder that did not survive took its contents with it.
            let gone_with_parent =
                path.ancestors().skip(1).any(|a| state.names.get(a).is_some_and(|s| survives(s) != Some(Node::Folder)));
            if gone_with_parent {
                continue;
            }
            match node {
                None => remove_any(path),
                Some(Node::Folder) => fs::create_dir_all(path).expect("restore a durable folder"),
                Some(Node::File(i)) => {
                    let inode = &state.files[*i];
                    let survived = if inode.dirty { vec![0; inode.now.len()] } else { inode.durable.clone() };
                    if path.is_dir() {
                        remove_any(path);
                    }
                    fs::write(path, survived).expect("restore a durable file");
                }
            }
        }
    }
}

fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path).expect("remove a folder the crash undid"),
        Ok(_) => fs::remove_file(path).expect("remove a file the crash undid"),
        Err(_) => {}
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().expect("a path in a folder")
}

impl State {
    /// Spends one operation of the budget, or says the power is off.
    fn tick(&mut self, what: String) -> io::Result<()> {
        if !self.powered {
            return Err(power_off());
        }
        match &mut self.budget {
            Some(0) => {
                self.powered = false;
                return Err(power_off());
            }
            Some(left) => *left -= 1,
            None => {}
        }
        self.ran.push(what);
        Ok(())
    }

    /// The slot of `path`, made on first touch from what the real disk
    /// holds there, taken as durable.
    fn slot(&mut self, path: &Path) -> &mut Slot {
        if !self.names.contains_key(path) {
            let node = match fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => Some(Node::Folder),
                Ok(_) => {
                    let bytes = fs::read(path).expect("read a file the save touches");
                    self.files.push(Inode { now: bytes.clone(), durable: bytes, dirty: false });
                    Some(Node::File(self.files.len() - 1))
                }
                Err(_) => None,
            };
            self.names.insert(path.to_path_buf(), Slot { now: node, durable: node });
        }
        self.names.get_mut(path).expect("just made")
    }

    fn inode(&mut self, path: &Path) -> &mut Inode {
        match self.slot(path).now {
            Some(Node::File(i)) => &mut self.files[i],
            other => panic!("{} is not a file the simulation made: {other:?}", path.display()),
        }
    }
}

impl Faults for PowerCut {
    fn before(&self, _: Step) -> io::Result<()> {
        if self.state().powered { Ok(()) } else { Err(power_off()) }
    }

    fn create_temp(&self, folder: &Path, prefix: &str) -> io::Result<TempFile> {
        let mut state = self.state();
        state.tick(format!("create temp in {}", folder.display()))?;
        let temp = NoFaults.create_temp(folder, prefix)?;
        // A new name (created exclusively): durably it is not there yet.
        state.files.push(Inode { now: Vec::new(), durable: Vec::new(), dirty: false });
        let inode = Node::File(state.files.len() - 1);
        state.names.insert(temp.path().to_path_buf(), Slot { now: Some(inode), durable: None });
        Ok(temp)
    }

    fn write(&self, temp: &mut TempFile, bytes: &[u8]) -> io::Result<()> {
        let mut state = self.state();
        state.tick(format!("write {}", temp.path().display()))?;
        NoFaults.write(temp, bytes)?;
        let inode = state.inode(temp.path());
        inode.now.extend_from_slice(bytes);
        inode.dirty = true;
        Ok(())
    }

    fn sync_file(&self, temp: &TempFile) -> io::Result<()> {
        let mut state = self.state();
        state.tick(format!("fsync {}", temp.path().display()))?;
        let inode = state.inode(temp.path());
        inode.durable = inode.now.clone();
        inode.dirty = false;
        Ok(())
    }

    fn rename(&self, temp: TempFile, to: &Path) -> io::Result<()> {
        let mut state = self.state();
        let from = temp.path().to_path_buf();
        state.tick(format!("rename {} to {}", from.display(), to.display()))?;
        state.slot(to);
        NoFaults.rename(temp, to)?;
        let moved = state.slot(&from).now.take();
        state.slot(to).now = moved;
        Ok(())
    }

    fn sync_folder(&self, folder: &Path) -> io::Result<()> {
        let mut state = self.state();
        state.tick(format!("fsync folder {}", folder.display()))?;
        for (_, slot) in state.names.iter_mut().filter(|(p, _)| parent(p) == folder) {
            slot.durable = slot.now;
        }
        Ok(())
    }

    fn create_folder(&self, folder: &Path) -> io::Result<()> {
        let mut state = self.state();
        state.tick(format!("create folder {}", folder.display()))?;
        let missing: Vec<PathBuf> = folder.ancestors().take_while(|a| !a.exists()).map(Path::to_path_buf).collect();
        for made in &missing {
            state.slot(made);
        }
        NoFaults.create_folder(folder)?;
        for made in &missing {
            state.slot(made).now = Some(Node::Folder);
        }
        Ok(())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let mut state = self.state();
        state.tick(format!("read {}", path.display()))?;
        NoFaults.read(path)
    }
}

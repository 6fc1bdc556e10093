//! The real `otp` binary in a pseudo-terminal: keys in, the screen (parsed by
//! `vt100`) and the raw bytes out. A pseudo-terminal starts at 0×0, so the size is
//! always set.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the reader thread collected.
pub struct Output {
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    /// The parsed screen.
    pub parser: vt100::Parser,
    /// When the last bytes arrived.
    pub last_read: Option<Instant>,
}

/// A running program in a pseudo-terminal.
pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub output: Arc<Mutex<Output>>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Tui {
    /// Starts `program ARGS` at `cols`×`rows` with exactly the environment `env`
    /// (plus `PATH` and `TERM=xterm-256color`).
    pub fn spawn(
        program: &Path,
        args: &[&str],
        env: &[(&str, &std::ffi::OsStr)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(rows, cols, 0),
            last_read: None,
        }));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().unwrap();
                        out.raw.extend_from_slice(&buf[..n]);
                        out.parser.process(&buf[..n]);
                        out.last_read = Some(Instant::now());
                    }
                }
            }
        });
        Self {
            child,
            master: pair.master,
            writer,
            output,
        }
    }

    /// Types `text` (as a terminal sends it: `\r` for Enter, `\t` for Tab).
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types `text` one key at a time, as a person would.
    pub fn type_slowly(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    /// Everything written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    /// Waits until the screen contains `text`; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Changes the terminal size (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).unwrap();
        self.output
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Waits for the program to exit; kills it and panics after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > timeout {
                let _ = self.child.kill();
                panic!(
                    "the program did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

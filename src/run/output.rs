//! Where records go: standard output, or a file written atomically (`-o`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use depeche::Error;
use depeche::report::{Report, Section};
use depeche::table;

use super::table_format;
use crate::cli::FormatArg;

/// Where records go: standard output, or a temporary file renamed into place
/// when the run completes.
///
/// The temporary file is `.NAME.depeche-PID-XXXXXX.tmp` beside `NAME`: hidden,
/// and naming the process that writes it, so that a later run removes those
/// whose process is gone (killed with SIGKILL, a power cut). On SIGINT or
/// SIGTERM it is removed before the process ends. The output keeps the mode
/// of the file it replaces; a new one gets 0666 less the umask. Before the
/// rename, the file's data is flushed to the disk; after it, the folder's.
pub(super) struct Output {
    pub(super) writer: io::BufWriter<Box<dyn Write>>,
    pub(super) format: FormatArg,
    pub(super) temp: Option<(tempfile::TempPath, PathBuf, std::fs::File)>,
    pub(super) wrote_header: bool,
    /// --format html: the report's summary so far.
    pub(super) report: Option<Report>,
}

/// The temporary output file, for the signal handler to remove.
static TEMP_OUTPUT: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

impl Output {
    pub(super) fn open(path: Option<&Path>, format: FormatArg) -> Result<Output, Error> {
        let (inner, temp): (Box<dyn Write>, _) = match path {
            None => (Box::new(io::stdout()), None),
            // A device or a pipe (`-o /dev/null`, a FIFO): written in place;
            // renaming a file onto it would replace the device.
            Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
                let file = std::fs::OpenOptions::new().write(true).open(path).map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                    hint: "check that the output can be written",
                })?;
                (Box::new(file), None)
            }
            Some(path) => {
                let (file, temp_path) = temp_output(path)?;
                let sync = file.try_clone().map_err(|source| Error::Io {
                    path: temp_path.to_path_buf(),
                    source,
                    hint: "the output folder must be writable",
                })?;
                *TEMP_OUTPUT.lock().unwrap_or_else(|e| e.into_inner()) = Some(temp_path.to_path_buf());
                remove_on_signal();
                (Box::new(file), Some((temp_path, path.to_path_buf(), sync)))
            }
        };
        Ok(Output {
            writer: io::BufWriter::with_capacity(1 << 16, inner),
            format,
            temp,
            wrote_header: false,
            report: None,
        })
    }

    /// Writes the rendering of one line (see [`render`]), after the table
    /// header when it is the first.
    pub(super) fn write_rendered(&mut self, bytes: &[u8], section: Option<Section>) -> io::Result<()> {
        self.write_header()?;
        if let (Some(report), Some(section)) = (&mut self.report, section) {
            report.write_section(&mut self.writer, section)?;
        }
        self.writer.write_all(bytes)
    }

    /// The table header or the report's head, once, before the first line.
    pub(super) fn write_header(&mut self) -> io::Result<()> {
        if self.wrote_header {
            return Ok(());
        }
        self.wrote_header = true;
        if let Some(report) = &self.report {
            report.write_head(&mut self.writer)?;
        } else if let Some(f) = table_format(self.format) {
            table::write_header(&mut self.writer, f)?;
        }
        Ok(())
    }

    pub(super) fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    pub(super) fn finish(mut self) -> io::Result<()> {
        self.write_header()?;
        if let Some(report) = &self.report {
            report.write_end(&mut self.writer)?;
        }
        self.writer.flush()?;
        if let Some((temp, dest, file)) = self.temp.take() {
            drop(self.writer);
            file.sync_all()?;
            // Held until the rename is done, so that a signal now does not
            // remove a file that is being renamed.
            let mut pending = TEMP_OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
            temp.persist(&dest).map_err(|e| e.error)?;
            *pending = None;
            drop(pending);
            let dir = match dest.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
}

/// Creates the temporary file for `-o path`, after checking that `path` is
/// not a folder and removing stale temporary files of earlier runs.
fn temp_output(path: &Path) -> Result<(std::fs::File, tempfile::TempPath), Error> {
    use std::os::unix::fs::PermissionsExt;
    if path.is_dir() {
        return Err(Error::Config(format!(
            "-o {}: this is a folder; name the file to write, such as {}",
            path.display(),
            path.join("records.jsonl").display()
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.depeche-");
    remove_stale_temps(&dir, &prefix);
    let old_mode = std::fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o7777);
    let file = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .suffix(".tmp")
        // Created with 0666 less the umask, as any new file.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(|source| Error::Io {
            path: dir.clone(),
            source,
            hint: "the output folder must exist and be writable",
        })?;
    if let Some(mode) = old_mode {
        // Replacing a file: keep its mode.
        let _ = file.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
    }
    Ok(file.into_parts())
}

/// Removes `PREFIX PID-XXXXXX.tmp` files of `dir` left by processes that
/// are gone.
fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(pid) = name.strip_prefix(prefix).filter(|_| name.ends_with(".tmp")).and_then(|r| r.split('-').next())
        else {
            continue;
        };
        let alive = pid.parse::<u32>().is_ok_and(|p| Path::new("/proc").join(p.to_string()).exists());
        if pid.parse::<u32>().is_ok() && !alive && Path::new("/proc/self").exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// On SIGINT or SIGTERM, removes the temporary output file, then ends the
/// process as the signal would have.
fn remove_on_signal() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let mut pending = TEMP_OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(temp) = pending.take() {
                let _ = std::fs::remove_file(temp);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

//! User Timing measures (`performance.measure`), so benchmarks read what a
//! step costs inside the page instead of guessing from outside.

/// A step being timed; `end` records it as a measure named `name`.
pub struct Step {
    name: &'static str,
}

impl Step {
    pub fn start(name: &'static str) -> Step {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            performance.clear_measures_with_measure_name(name);
            let _ = performance.mark(&start_mark(name));
        }
        Step { name }
    }

    pub fn end(self) {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let start = start_mark(self.name);
            let _ = performance.measure_with_start_mark(self.name, &start);
            performance.clear_marks_with_mark_name(&start);
        }
    }
}

fn start_mark(name: &str) -> String {
    format!("{name}:start")
}

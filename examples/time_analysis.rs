//! Times the two halves of `analyze` (load from SQLite, compute) on a database.
//! cargo run --release --example time_analysis -- DB
// A million small allocations come and go in an analysis or an import;
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: time_analysis DB")?;
    let store = mentorscope::Store::open(std::path::Path::new(&path))?;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let data = mentorscope::analysis::frames::ProgramData::load(&store)?;
        let load = t.elapsed();
        let t = std::time::Instant::now();
        let a = mentorscope::analysis::analyze_data(&data, &Default::default())?;
        println!(
            "load {:?}, compute {:?} ({} meetings)",
            load,
            t.elapsed(),
            a.engagement.meetings
        );
    }
    // What the app does on a launch whose dashboard is not saved: read the
    // program (roster and sources too) and compute the dashboard.
    for _ in 0..2 {
        let t = std::time::Instant::now();
        let program = mentorscope::api::Program::load(&store)?;
        let load = t.elapsed();
        let t = std::time::Instant::now();
        let d = mentorscope::api::dashboard(&program, &Default::default())?;
        println!(
            "app: Program::load {:?}, dashboard {:?} ({} cards)",
            load,
            t.elapsed(),
            d.cards.len()
        );
    }
    Ok(())
}

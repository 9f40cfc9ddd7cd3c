//! A bounded load test: 64 concurrent keep-alive clients for 5 s against a real
//! server (a store of real articles) with the load generator's mix of searches,
//! articles, entities, timelines and networks (API and UI). Correctness, not
//! speed: every request answered 200, and the process's resident memory does not
//! keep growing (after a warm-up, at most 64 MB more after the load than before).
//! No timing is asserted.

mod common;

use marsad_server::Limits;
use std::time::Duration;

#[test]
fn sixty_four_clients_get_answers_and_memory_stays_bounded() {
    let Some(s) = common::start("load", 200, false, Limits::with_rate(0)) else {
        return;
    };
    let pid = std::process::id();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut cfg = marsad_load::Config {
        url: format!("http://{}", s.addr),
        duration: Duration::from_secs(3),
        concurrency: 64,
        pid: Some(pid),
        queries: None,
        seed: 7,
        request_timeout: Duration::from_secs(30),
    };
    let targets = rt.block_on(marsad_load::discover(&cfg)).expect("discover");
    assert!(targets.queries.len() >= 100 && targets.entities.len() >= 100);
    // Warm-up: caches, allocator arenas, connection buffers.
    let warm = rt.block_on(marsad_load::run(&cfg, &targets)).unwrap();
    assert_eq!(warm["errors"]["total"], 0, "{warm:#}");

    cfg.duration = Duration::from_secs(5);
    cfg.seed = 8;
    let report = rt.block_on(marsad_load::run(&cfg, &targets)).unwrap();
    eprintln!("{report:#}");
    assert_eq!(report["errors"]["total"], 0, "{report:#}");
    assert!(report["requests"].as_u64().unwrap() > 0);
    for e in marsad_load::Endpoint::ALL {
        assert!(
            report["endpoints"][e.name()]["requests"].as_u64().unwrap() > 0,
            "{} was never requested",
            e.name()
        );
    }
    let before = report["rss_kb"]["before"].as_u64().unwrap();
    let after = report["rss_kb"]["after"].as_u64().unwrap();
    assert!(
        after <= before + 64 * 1024,
        "RSS grew from {before} KB to {after} KB"
    );
}

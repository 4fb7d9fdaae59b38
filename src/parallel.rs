//! Work split across the machine's cores, results in order.

/// `part(start, end)` over `0..total`: in one piece, or split across the machine's cores from
/// `parallel_from` items. The pieces' results in order, or `None` when one of them returned `None`.
/// The first piece runs on the calling thread, and so does a piece whose thread cannot start.
pub fn split<T: Send>(
    total: usize,
    parallel_from: usize,
    part: impl Fn(usize, usize) -> Option<Vec<T>> + Sync,
) -> Option<Vec<Vec<T>>> {
    let threads = if total < parallel_from { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    if threads <= 1 || total == 0 {
        return Some(vec![part(0, total)?]);
    }
    let chunk = total.div_ceil(threads);
    let pieces: Vec<(usize, usize)> =
        (0..total).step_by(chunk).map(|start| (start, (start + chunk).min(total))).collect();
    let part = &part;
    std::thread::scope(|scope| {
        let others: Vec<_> = pieces[1..]
            .iter()
            .map(|&(start, end)| {
                std::thread::Builder::new().spawn_scoped(scope, move || part(start, end)).map_err(|_| (start, end))
            })
            .collect();
        let mut results = vec![part(pieces[0].0, pieces[0].1)];
        for other in others {
            results.push(match other {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err((start, end)) => part(start, end),
            });
        }
        results.into_iter().collect()
    })
}

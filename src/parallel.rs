//! Work split across the machine's cores, results in order.

/// `part(start, end)` over `0..total`: in one piece, or split across the machine's cores from
/// `parallel_from` items. The pieces' results in order, or `None` when one of them returned `None`.
pub fn split<T: Send>(
    total: usize,
    parallel_from: usize,
    part: impl Fn(usize, usize) -> Option<Vec<T>> + Sync,
) -> Option<Vec<Vec<T>>> {
    let threads = if total < parallel_from { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    if threads <= 1 {
        return Some(vec![part(0, total)?]);
    }
    let chunk = total.div_ceil(threads).max(1);
    let part = &part;
    std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..total).step_by(chunk).map(|start| s.spawn(move || part(start, (start + chunk).min(total)))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or(None)).collect()
    })
}

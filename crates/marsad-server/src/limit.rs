//! Limits on what one client can ask of the server: request-target length,
//! requests per second per client address (a token bucket per peer IP), and the
//! JSON answer to a panic. The connection-level limits (head deadline, open
//! connections) are applied by [`crate::serve_listener`].

use crate::{ApiError, MAX_URI_BYTES};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What one client may ask of the server.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Requests per second per client address (IPv4 address, IPv6 /64); `0`
    /// turns the limit off. Behind a reverse proxy every request comes from the
    /// proxy's address: limit there instead (`--rate 0`).
    pub rate: u32,
    /// Requests a client may make at once before the rate applies (the bucket's
    /// size; at least `rate`).
    pub burst: u32,
    /// Time allowed to send a request head (request line and headers), counted
    /// from the connection's first byte or, on a kept-alive connection, from the
    /// previous response: a slow or idle client is disconnected after it.
    pub header_timeout: Duration,
    /// Time allowed for a whole request, body included (`408` beyond it).
    pub request_timeout: Duration,
    /// Connections open at once; more wait in the listen backlog.
    pub max_connections: usize,
}

/// Default requests per second per client address.
pub const DEFAULT_RATE: u32 = 100;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            rate: DEFAULT_RATE,
            burst: 2 * DEFAULT_RATE,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 1024,
        }
    }
}

impl Limits {
    /// The default limits with `rate` requests per second per client (burst twice
    /// that); `0` for no rate limit.
    pub fn with_rate(rate: u32) -> Limits {
        Limits {
            rate,
            burst: rate.saturating_mul(2),
            ..Limits::default()
        }
    }
}

/// A token bucket per client address.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets kept before the full ones (clients idle long enough) are forgotten.
const MAX_BUCKETS: usize = 10_000;

impl RateLimiter {
    /// `None` when `rate` is 0 (no limit).
    pub fn new(rate: u32, burst: u32) -> Option<RateLimiter> {
        (rate > 0).then(|| RateLimiter {
            rate: rate as f64,
            burst: burst.max(rate) as f64,
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Take one token for `ip` at `now`: `Err(wait)` when the bucket is empty, with
    /// the time until the next token.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let key = client_key(ip);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&key) {
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate < burst
            });
            if buckets.len() >= MAX_BUCKETS {
                // Every known client is active: forget the oldest half.
                let mut ats: Vec<Instant> = buckets.values().map(|b| b.at).collect();
                ats.sort_unstable();
                let cut = ats[ats.len() / 2];
                buckets.retain(|_, b| b.at > cut);
            }
        }
        let b = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.rate).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / self.rate))
        }
    }
}

/// The address a bucket is kept for: an IPv4 address, or the /64 network of an
/// IPv6 one (a single host usually holds a whole /64).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut s = v6.segments();
                s[4..].fill(0);
                IpAddr::V6(s.into())
            }
        },
    }
}

/// Middleware: `429 Too Many Requests` with `Retry-After` (whole seconds) for a
/// client over its rate. Requests whose peer is unknown (a router served without
/// [`crate::serve_listener`]) pass.
pub async fn rate_limit(
    State(limiter): State<Arc<RateLimiter>>,
    req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(ip) = peer {
        if let Err(wait) = limiter.check(ip, Instant::now()) {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut r = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many requests from this address: retry in {secs} s"),
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            return r;
        }
    }
    next.run(req).await
}

/// Middleware, before any handler sees the request: `413` for a body announced
/// (`Content-Length`) larger than [`crate::MAX_BODY_BYTES`], without waiting for
/// it; `414 URI Too Long` for a request target over [`MAX_URI_BYTES`]; `400` for one
/// whose percent-encoding is malformed (`%` not followed by two hex digits) or does
/// not decode to UTF-8.
pub async fn check_request(req: Request, next: Next) -> Response {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > crate::MAX_BODY_BYTES as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES),
        )
        .into_response();
    }
    let target = req.uri().path_and_query().map_or("", |p| p.as_str());
    if target.len() > MAX_URI_BYTES {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the request target is longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response();
    }
    if let Err(m) = check_percent_encoding(target) {
        return ApiError::bad_request(m).into_response();
    }
    next.run(req).await
}

/// Whether `s` percent-decodes to UTF-8 (each part of a query string, where `+`
/// is a space, alike).
pub fn check_percent_encoding(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            match (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                _ => {
                    return Err(format!(
                        "malformed percent-encoding at byte {i} of the request target"
                    ))
                }
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    std::str::from_utf8(&out)
        .map(|_| ())
        .map_err(|_| "the request target does not percent-decode to UTF-8".to_string())
}

/// Middleware: `408 Request Timeout` (JSON) for a request not answered within
/// the duration, body reading included; the connection is then closed.
pub async fn deadline(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            let mut r = ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request was not completed within {} s",
                    limit.as_secs_f64()
                ),
            )
            .into_response();
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            r
        }
    }
}

/// The answer to a handler that panicked: a JSON 500 without the panic's text.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error (the request was not completed)",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refills_at_the_rate() {
        let l = RateLimiter::new(10, 20).unwrap();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..20 {
            assert!(l.check(ip, t0).is_ok());
        }
        let wait = l.check(ip, t0).unwrap_err();
        assert!(wait <= Duration::from_millis(100) && wait > Duration::ZERO);
        // Another client is not affected.
        assert!(l.check("192.0.2.2".parse().unwrap(), t0).is_ok());
        // A tenth of a second later one more request passes, not two.
        let t1 = t0 + Duration::from_millis(100);
        assert!(l.check(ip, t1).is_ok());
        assert!(l.check(ip, t1).is_err());
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        let l = RateLimiter::new(1, 1).unwrap();
        let t0 = Instant::now();
        assert!(l.check("2001:db8::1".parse().unwrap(), t0).is_ok());
        assert!(l.check("2001:db8::2".parse().unwrap(), t0).is_err());
        assert!(l.check("2001:db8:0:1::1".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn buckets_stay_bounded() {
        let l = RateLimiter::new(1, 1).unwrap();
        let t0 = Instant::now();
        for i in 0..(MAX_BUCKETS as u32 + 10) {
            let _ = l.check(IpAddr::V4(i.into()), t0);
        }
        assert!(l.buckets.lock().unwrap().len() <= MAX_BUCKETS);
    }

    #[test]
    fn percent_encoding() {
        assert!(check_percent_encoding("/api/search?q=%D8%AC+x&limit=5").is_ok());
        assert!(check_percent_encoding("/api/search?q=%FF").is_err());
        assert!(check_percent_encoding("/api/search?q=%D8").is_err());
        assert!(check_percent_encoding("/api/search?q=100%").is_err());
        assert!(check_percent_encoding("/api/search?q=%zz").is_err());
        assert!(check_percent_encoding("/x%2").is_err());
    }

    #[test]
    fn no_limiter_for_rate_zero() {
        assert!(RateLimiter::new(0, 0).is_none());
    }
}

// Retry policy for provider requests: full-jitter exponential backoff (AWS architecture blog,
// "Exponential Backoff and Jitter"), Retry-After honoured, no retry on other 4xx. Pure: the random
// draw and "now" are parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace recert::sync {

struct RetryPolicy {
    int max_attempts = 5;          // attempts in total, the first one included
    double base_ms = 500.0;        // the first retry waits up to this
    double cap_ms = 30000.0;       // no computed wait exceeds this
    double max_retry_after_ms = 120000.0; // a longer Retry-After ends the sync with a message instead
    int timeout_ms = 15000;        // per request: no answer by then counts as a failed attempt
};

struct RetryDecision {
    bool retry = false;
    double delay_ms = 0.0;
};

// Whether a request that got `status` (0 = no answer) on attempt number `attempt` (1 = first) is
// retried, and after how long. Retried: 0, 408, 429, 5xx. `random01` is a uniform draw in [0, 1).
// A Retry-After (already converted to ms) replaces the jittered delay when present.
RetryDecision decide_retry(const RetryPolicy& policy, int attempt, int status,
                           std::optional<double> retry_after_ms, double random01);

// Retry-After's value in ms from now: delta-seconds ("120") or an IMF-fixdate
// ("Wed, 21 Oct 2015 07:28:00 GMT") relative to `now_unix_ms`. nullopt when unreadable.
std::optional<double> parse_retry_after(std::string_view value, double now_unix_ms);

} // namespace recert::sync

// Retry policy (full jitter, Retry-After, no retry on other 4xx) and PKCE S256 (RFC 7636 appendix B).
#include "sync/backoff.h"
#include "sync/pkce.h"
#include "sync/protocol.h"

#include <catch2/catch.hpp>

using namespace recert::sync;

TEST_CASE("full jitter: the delay is a uniform draw below an exponentially growing, capped ceiling") {
    RetryPolicy p;
    p.base_ms = 100;
    p.cap_ms = 1000;
    p.max_attempts = 10;
    CHECK(decide_retry(p, 1, 500, std::nullopt, 0.0).delay_ms == 0.0);
    CHECK(decide_retry(p, 1, 500, std::nullopt, 0.5).delay_ms == Approx(50));
    CHECK(decide_retry(p, 2, 500, std::nullopt, 0.5).delay_ms == Approx(100));
    CHECK(decide_retry(p, 3, 503, std::nullopt, 0.5).delay_ms == Approx(200));
    CHECK(decide_retry(p, 9, 502, std::nullopt, 0.999).delay_ms < 1000.0);
    CHECK(decide_retry(p, 9, 502, std::nullopt, 0.999).delay_ms > 990.0);
}

TEST_CASE("what is retried: no answer, 408, 429 and 5xx, until the attempts run out; never other 4xx") {
    RetryPolicy p;
    p.max_attempts = 3;
    for (int s : {0, 408, 429, 500, 502, 503, 504})
        CHECK(decide_retry(p, 1, s, std::nullopt, 0.3).retry);
    for (int s : {400, 401, 403, 404, 409, 410, 422})
        CHECK_FALSE(decide_retry(p, 1, s, std::nullopt, 0.3).retry);
    CHECK(decide_retry(p, 2, 500, std::nullopt, 0.3).retry);
    CHECK_FALSE(decide_retry(p, 3, 500, std::nullopt, 0.3).retry);
}

TEST_CASE("Retry-After replaces the jitter, and one longer than the policy allows ends the run") {
    RetryPolicy p;
    CHECK(decide_retry(p, 1, 429, 2000.0, 0.0).delay_ms == 2000.0);
    CHECK_FALSE(decide_retry(p, 1, 429, p.max_retry_after_ms + 1, 0.0).retry);
    CHECK(parse_retry_after("120", 0) == 120000.0);
    CHECK(parse_retry_after(" 0 ", 0) == 0.0);
    // 1994-11-06 08:49:37 UTC = 784111777 s.
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777000.0 - 5000.0) == Approx(5000.0));
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777000.0 + 5000.0) == 0.0);
    CHECK_FALSE(parse_retry_after("soon", 0));
    CHECK_FALSE(parse_retry_after("-5", 0));
    CHECK_FALSE(parse_retry_after("Sun, 06 Foo 1994 08:49:37 GMT", 0));
}

TEST_CASE("PKCE S256 matches RFC 7636 appendix B") {
    const std::uint8_t octets[32] = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
                                     22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121};
    const std::string verifier = make_code_verifier(octets);
    CHECK(verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    CHECK(code_challenge_s256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    CHECK(base64url(std::vector<std::uint8_t>{0xfb, 0xff}) == "-_8");
}

TEST_CASE("request URLs and the token request are encoded") {
    CHECK(join_url("https://p/api/", "/me") == "https://p/api/me");
    CHECK(completions_url("https://p/api", "a b&c", 50) == "https://p/api/completions?limit=50&cursor=a%20b%26c");
    CHECK(completions_url("https://p/api", "", 50) == "https://p/api/completions?limit=50");
    AuthorizeParams a{"https://p", "recert", "https://app/?x=1", "st"};
    const std::string url = authorize_url(a, "CH");
    CHECK(url.rfind("https://p/oauth/authorize?response_type=code&client_id=recert&redirect_uri=https%3A%2F%2Fapp%2F%3Fx%3D1", 0) == 0);
    CHECK(url.find("code_challenge=CH&code_challenge_method=S256") != std::string::npos);
    CHECK(token_request_body("c/1", "v", "id", "r") ==
          "grant_type=authorization_code&code=c%2F1&redirect_uri=r&client_id=id&code_verifier=v");
}

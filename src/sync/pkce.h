// OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256) for a public browser client: the
// verifier and challenge, the authorize URL and the token request. Randomness is passed in.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace recert::sync {

// Base64url without padding (RFC 4648 §5).
std::string base64url(std::span<const std::uint8_t> bytes);
// A code verifier from 32 random bytes: 43 characters of [A-Za-z0-9-_]. Precondition: 32 bytes.
std::string make_code_verifier(std::span<const std::uint8_t> random32);
// BASE64URL(SHA256(ASCII(verifier))).
std::string code_challenge_s256(std::string_view verifier);

struct AuthorizeParams {
    std::string base_url, client_id, redirect_uri, state, scope = "completions:read self_reports:write";
    std::string endpoint; // the discovered authorization endpoint; "" = base_url + "/oauth/authorize"
};
std::string authorize_url(const AuthorizeParams& p, std::string_view code_challenge);
// application/x-www-form-urlencoded bodies of a refresh (RFC 6749 section 6) and of a revocation
// (RFC 7009) for a public client.
std::string refresh_request_body(std::string_view refresh_token, std::string_view client_id);
std::string revocation_request_body(std::string_view token, std::string_view hint, std::string_view client_id);
// application/x-www-form-urlencoded body of the token request.
std::string token_request_body(std::string_view code, std::string_view verifier, std::string_view client_id,
                               std::string_view redirect_uri);
std::string token_url(std::string_view base_url);

} // namespace recert::sync

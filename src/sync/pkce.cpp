// PKCE helpers: see pkce.h.
#include "sync/pkce.h"

#include "core/sha256.h"
#include "sync/protocol.h"

namespace recert::sync {

std::string base64url(std::span<const std::uint8_t> bytes) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t(bytes[i]) << 16) | (std::uint32_t(bytes[i + 1]) << 8) | bytes[i + 2];
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t(bytes[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t(bytes[i]) << 16) | (std::uint32_t(bytes[i + 1]) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

std::string make_code_verifier(std::span<const std::uint8_t> random32) {
    return base64url(random32.first(32));
}

std::string code_challenge_s256(std::string_view verifier) {
    const auto digest = core::sha256(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(verifier.data()), verifier.size()));
    return base64url(digest);
}

std::string authorize_url(const AuthorizeParams& p, std::string_view code_challenge) {
    const std::string at = p.endpoint.empty() ? join_url(p.base_url, "/oauth/authorize") : p.endpoint;
    return at + (at.find('?') == std::string::npos ? "?" : "&") + "response_type=code&client_id=" + url_encode(p.client_id) +
           "&redirect_uri=" + url_encode(p.redirect_uri) + "&scope=" + url_encode(p.scope) +
           "&state=" + url_encode(p.state) + "&code_challenge=" + url_encode(code_challenge) +
           "&code_challenge_method=S256";
}

std::string token_request_body(std::string_view code, std::string_view verifier, std::string_view client_id,
                               std::string_view redirect_uri) {
    return "grant_type=authorization_code&code=" + url_encode(code) + "&redirect_uri=" + url_encode(redirect_uri) +
           "&client_id=" + url_encode(client_id) + "&code_verifier=" + url_encode(verifier);
}

std::string token_url(std::string_view base_url) { return join_url(base_url, "/oauth/token"); }

std::string refresh_request_body(std::string_view refresh_token, std::string_view client_id) {
    return "grant_type=refresh_token&refresh_token=" + url_encode(refresh_token) + "&client_id=" + url_encode(client_id);
}

std::string revocation_request_body(std::string_view token, std::string_view hint, std::string_view client_id) {
    return "token=" + url_encode(token) + "&token_type_hint=" + url_encode(hint) + "&client_id=" + url_encode(client_id);
}

} // namespace recert::sync

// Provider discovery (issue #20): the metadata addresses tried for a provider address, the checked
// metadata decoder (located errors, nothing taken from a document for another server), and the token
// endpoint's answer with refresh tokens and DPoP.
#include "sync/discovery.h"

#include <catch2/catch.hpp>

#include <string>

using namespace recert::sync;

namespace {

// What oidc-provider (the reference provider) serves, trimmed.
const char* good_metadata = R"({
  "issuer": "http://127.0.0.1:8787",
  "authorization_endpoint": "http://127.0.0.1:8787/oauth/authorize",
  "token_endpoint": "http://127.0.0.1:8787/oauth/token",
  "revocation_endpoint": "http://127.0.0.1:8787/oauth/revoke",
  "code_challenge_methods_supported": ["S256"],
  "dpop_signing_alg_values_supported": ["ES256", "EdDSA"],
  "grant_types_supported": ["authorization_code", "refresh_token"],
  "futureField": {"x": [1, 2]}
})";

std::string with(std::string key, std::string value) {
    std::string s = good_metadata;
    const std::size_t at = s.find("\"" + key + "\"");
    REQUIRE(at != std::string::npos);
    const std::size_t end = s.find('\n', at);
    s.replace(at, end - at, "\"" + key + "\": " + value + ",");
    return s;
}

} // namespace

TEST_CASE("the metadata addresses for a provider address: RFC 8414 first, then OpenID Connect") {
    CHECK(metadata_urls("https://CE.example.org/") ==
          std::vector<std::string>{"https://ce.example.org/.well-known/oauth-authorization-server",
                                   "https://ce.example.org/.well-known/openid-configuration"});
    CHECK(metadata_urls("https://ce.example.org/tenant/a") ==
          std::vector<std::string>{"https://ce.example.org/.well-known/oauth-authorization-server/tenant/a",
                                   "https://ce.example.org/tenant/a/.well-known/openid-configuration"});
    CHECK(metadata_urls("http://127.0.0.1:8787")[1] == "http://127.0.0.1:8787/.well-known/openid-configuration");
    CHECK(metadata_urls("http://ce.example.org").empty()); // plain http only on this computer
    CHECK(metadata_urls("https://user@ce.example.org").empty());
    CHECK(metadata_urls("https://ce.example.org/?x=1").empty());
    CHECK(metadata_urls("ce.example.org").empty());
    CHECK(metadata_urls("").empty());
}

TEST_CASE("good metadata decodes with its endpoints, PKCE methods and DPoP algorithms") {
    auto m = decode_metadata(good_metadata, "http://127.0.0.1:8787/");
    REQUIRE(m.ok());
    CHECK(m.value().issuer == "http://127.0.0.1:8787");
    CHECK(m.value().authorization_endpoint == "http://127.0.0.1:8787/oauth/authorize");
    CHECK(m.value().token_endpoint == "http://127.0.0.1:8787/oauth/token");
    CHECK(m.value().revocation_endpoint == "http://127.0.0.1:8787/oauth/revoke");
    CHECK(m.value().dpop());
    auto no_dpop = decode_metadata(with("dpop_signing_alg_values_supported", "[]"), "http://127.0.0.1:8787");
    REQUIRE(no_dpop.ok());
    CHECK_FALSE(no_dpop.value().dpop());
}

TEST_CASE("bad metadata is refused whole with a JSON pointer to the problem") {
    const std::string addr = "http://127.0.0.1:8787";
    auto path = [&](const std::string& body) {
        auto m = decode_metadata(body, addr);
        return m.ok() ? std::string("(accepted)") : m.error().path;
    };
    CHECK(path(with("issuer", "\"https://evil.example\"")) == "/issuer");
    CHECK(decode_metadata(good_metadata, "http://127.0.0.1:8788").error().path == "/issuer");
    CHECK(path(with("authorization_endpoint", "\"javascript:alert(1)\"")) == "/authorization_endpoint");
    CHECK(path(with("token_endpoint", "\"http://ce.example.org/token\"")) == "/token_endpoint");
    CHECK(path(with("token_endpoint", "\"https://u:p@ce.example.org/token\"")) == "/token_endpoint");
    CHECK(path(with("token_endpoint", "42")) == "/token_endpoint");
    CHECK(path(with("token_endpoint", "\"\"")) == "/token_endpoint");
    CHECK(path(with("revocation_endpoint", "\"https://ce.example.org/r#x\"")) == "/revocation_endpoint");
    CHECK(path(with("code_challenge_methods_supported", "[\"plain\"]")) == "/code_challenge_methods_supported");
    CHECK(path(with("code_challenge_methods_supported", "[\"S256\", 3]")) == "/code_challenge_methods_supported/1");
    CHECK(path(with("dpop_signing_alg_values_supported", "[\"RS256\"]")) == "/dpop_signing_alg_values_supported");
    std::string many = "[";
    for (int i = 0; i < 65; ++i)
        many += std::string(i ? "," : "") + "\"S256\"";
    CHECK(path(with("code_challenge_methods_supported", many + "]")) == "/code_challenge_methods_supported");
    CHECK(path(with("issuer", "\"http://127.0.0.1:8787/" + std::string(2100, 'a') + "\"")) == "/issuer");
    CHECK_FALSE(decode_metadata("[]", addr).ok());
    CHECK_FALSE(decode_metadata("<html>502</html>", addr).ok());
    const std::string good = good_metadata;
    for (std::size_t n = 0; n < good.size(); n += 7)
        CHECK_FALSE(decode_metadata(good.substr(0, n), addr).ok());
}

TEST_CASE("token answers: refresh tokens and DPoP-bound tokens, never a silent downgrade") {
    auto t = decode_token_grant(R"({"access_token":"a","token_type":"DPoP","expires_in":60,"refresh_token":"r","scope":"s"})", true);
    REQUIRE(t.ok());
    CHECK(t.value().dpop);
    CHECK(t.value().refresh_token == "r");
    CHECK(t.value().expires_in == 60);
    auto b = decode_token_grant(R"({"access_token":"a","token_type":"bearer"})", false);
    REQUIRE(b.ok());
    CHECK_FALSE(b.value().dpop);
    CHECK(b.value().refresh_token.empty());
    CHECK(decode_token_grant(R"({"access_token":"a","token_type":"Bearer"})", true).error().path == "/token_type");
    CHECK(decode_token_grant(R"({"access_token":"a","token_type":"DPoP"})", false).error().path == "/token_type");
    CHECK(decode_token_grant(R"({"access_token":"a","token_type":"mac"})", false).error().path == "/token_type");
    CHECK(decode_token_grant(R"({"access_token":"","token_type":"Bearer"})", false).error().path == "/access_token");
    CHECK(decode_token_grant(R"({"access_token":"a","token_type":"DPoP","refresh_token":7})", true).error().path ==
          "/refresh_token");
    CHECK(decode_token_grant(R"({"access_token":"a","token_type":"DPoP","expires_in":-1})", true).error().path ==
          "/expires_in");
    CHECK(decode_token_grant(R"({"access_token":")" + std::string(5000, 'x') + R"(","token_type":"DPoP"})", true)
              .error()
              .path == "/access_token");
    CHECK_FALSE(decode_token_grant("", true).ok());
}

TEST_CASE("a deployment's provider list decodes; a bad one is refused at its field") {
    auto ok = decode_deployment_config(
        R"({"providers":[{"name":"Demo","address":"http://127.0.0.1:8787","clientId":"recert-demo","x":1}]})");
    REQUIRE(ok.ok());
    REQUIRE(ok.value().size() == 1);
    CHECK(ok.value()[0].client_id == "recert-demo");
    CHECK(decode_deployment_config("{}").value().empty());
    auto path = [](const std::string& body) {
        auto r = decode_deployment_config(body);
        return r.ok() ? std::string("(accepted)") : r.error().path;
    };
    CHECK(path(R"({"providers":[{"name":"A","address":"http://ce.example.org","clientId":"c"}]})") == "/providers/0/address");
    CHECK(path(R"({"providers":[{"name":"","address":"https://ce.example.org","clientId":"c"}]})") == "/providers/0/name");
    CHECK(path(R"({"providers":[{"name":"A","address":"https://ce.example.org"}]})") == "/providers/0/clientId");
    CHECK(path(R"({"providers":[{"name":"A","address":"https://ce.example.org","clientId":"c\u0007"}]})") ==
          "/providers/0/clientId");
    CHECK(path(R"({"providers":{}})") == "/providers");
    std::string many = R"({"providers":[)";
    for (int i = 0; i < 51; ++i)
        many += std::string(i ? "," : "") + R"({"name":"A","address":"https://a.example","clientId":"c"})";
    CHECK(path(many + "]}") == "/providers");
    CHECK_FALSE(decode_deployment_config("[1]").ok());
}

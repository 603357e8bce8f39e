// The statement of credit (HTML): escaping, semantics, content, stylesheet, golden file.
#include "core/statement.h"
#include "core/transcript.h"
#include "reports_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {
TranscriptOptions opts(bool inline_css = true) {
    TranscriptOptions o;
    o.produced = d("2025-03-11");
    o.app_version = "Recert 0.1.0";
    o.inline_css = inline_css;
    return o;
}
} // namespace

TEST_CASE("every piece of user text in the transcript is HTML-escaped") {
    const Log log = hostile_log();
    const std::string html = transcript_html(log, evaluate_log(log), opts());
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("Zoë &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;") != std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(2)&gt; Résumé writing") != std::string::npos);
    CHECK(html_escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

TEST_CASE("the transcript states name, number, activities as applied, totals, pack version and date") {
    const Log log = dashboard_log();
    const Evaluation ev = evaluate_log(log);
    const std::string html = transcript_html(log, ev, opts());
    CHECK(html.find("<strong>Sam Trainer</strong>") != std::string::npos);
    CHECK(html.find("<dt>Credential number</dt><dd>654321</dd>") != std::string::npos);
    CHECK(html.find("<time datetime=\"2025-03-11\">2025-03-11</time> by Recert 0.1.0") != std::string::npos);
    CHECK(html.find("ACSM rule pack, version " + ev.credentials[0].pack->version) != std::string::npos);
    CHECK(html.find("<caption>Activities counted for ACSM CPT, 2024-01-01 to 2026-12-31</caption>") != std::string::npos);
    CHECK(html.find("<th scope=\"col\">Approval number</th>") != std::string::npos);
    CHECK(html.find("<th scope=\"row\">ACSM Health &amp; Fitness Summit 2024</th>") != std::string::npos);
    // The EP total equals the engine's applied credits.
    CHECK(html.find("<td class=\"num\">" + ev.credentials[1].applied.to_string() + "</td></tr></tfoot>") != std::string::npos);
    CHECK(html.find("<caption>Totals per category</caption>") != std::string::npos);
}

TEST_CASE("the transcript links the stylesheet for the app's tab and inlines it for a download") {
    const Log log = dashboard_log();
    const Evaluation ev = evaluate_log(log);
    const std::string linked = transcript_html(log, ev, opts(false));
    CHECK(linked.find("<link rel=\"stylesheet\" href=\"transcript.css\">") != std::string::npos);
    CHECK(linked.find("<style>") == std::string::npos);
    const std::string inlined = transcript_html(log, ev, opts(true));
    CHECK(inlined.find("<style>\n" + std::string(transcript_css())) != std::string::npos);
    // One stylesheet: the compiled-in text is web/transcript.css.
    std::ifstream in(std::string(RECERT_WEB_DIR) + "/transcript.css", std::ios::binary);
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    CHECK(ss.str() == transcript_css());
    CHECK(transcript_css().find("@media print") != std::string_view::npos);
}

TEST_CASE("amounts read naturally: unit words take a plural, abbreviations do not") {
    CHECK(amount_with_unit(cr("8"), Unit::contact_hour) == "8 contact hours");
    CHECK(amount_with_unit(cr("1"), Unit::contact_hour) == "1 contact hour");
    CHECK(amount_with_unit(cr("1.5"), Unit::semester_credit) == "1.5 semester credits");
    CHECK(amount_with_unit(cr("2"), Unit::ceu) == "2 CEU");
}

TEST_CASE("a finalized statement says so on the transcript") {
    Log log = dashboard_log();
    const Evaluation ev = evaluate_log(log);
    auto fin = finalize_statement(log.credentials[0], ev.credentials[0].window, d("2025-03-11"));
    REQUIRE(fin);
    log.credentials[0] = fin.value();
    const std::string html = transcript_html(log, evaluate_log(log), opts());
    CHECK(html.find("Finalized on 2025-03-11") != std::string::npos);
}

TEST_CASE("golden file: the transcript of the dashboard fixture with hostile text") {
    const Log log = hostile_log();
    check_golden("golden/transcript.html", transcript_html(log, evaluate_log(log), opts()));
}

TEST_CASE("the transcript names the person and their email from the profile") {
    Log log = dashboard_log();
    log.person = {"Sam Trainer", "sam@example.org"};
    const std::string html = transcript_html(log, evaluate_log(log), opts());
    CHECK(html.find("For <strong>Sam Trainer</strong> &middot; <a href=\"mailto:sam@example.org\">sam@example.org</a>") !=
          std::string::npos);
    log.person.email.clear();
    CHECK(transcript_html(log, evaluate_log(log), opts()).find("mailto:") == std::string::npos);
}

TEST_CASE("the transcript heads a credential by its names, never twice its body or its ids") {
    Log log = dashboard_log();
    Credential asm_cred = log.credentials[0];
    asm_cred.id = "57c0907c-1111-4222-8333-944445555666";
    asm_cred.body = "asm";
    asm_cred.program = "transcript";
    log.credentials.push_back(asm_cred);
    const std::string html = transcript_html(log, evaluate_log(log), opts());
    CHECK(html.find("<h2 id=\"credential-1\">ACSM CPT: ACSM Certified Personal Trainer</h2>") != std::string::npos);
    CHECK(html.find(">ASM CE transcript</h2>") != std::string::npos);
    CHECK(html.find("ASM ASM") == std::string::npos);
    CHECK(html.find("57c0907c") == std::string::npos);
    CHECK(html.find("acsm rule pack") == std::string::npos);
}

// Statement of credit as HTML: see transcript.h.
#include "core/transcript.h"

#include "core/names.h"
#include "core/statement.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace recert::core {
namespace {

constexpr std::string_view css_text =
#include "core/transcript_css.inc"
    ;

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string category_name(const RulePack& pack, int index) {
    if (index < 0 || index >= int(pack.categories.size())) return "(no category)";
    const Category& k = pack.categories[std::size_t(index)];
    return k.name.empty() ? k.id : k.name;
}

} // namespace

std::string amount_with_unit(Credits amount, Unit unit) {
    std::string label(unit_label(unit));
    const bool word = std::any_of(label.begin(), label.end(), [](unsigned char c) { return std::islower(c) != 0; });
    if (word && amount != Credits::whole(1)) label += 's';
    return amount.to_short_string() + " " + label;
}

std::string_view transcript_css() {
    return css_text;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string transcript_html(const Log& log, const Evaluation& eval, const TranscriptOptions& options) {
    const auto e = [](std::string_view s) { return html_escape(s); };
    std::string h;
    const std::string person = log.person.name.empty() ? std::string("(name not set)") : log.person.name;
    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<title>Statement of credit: " + e(person) + "</title>\n";
    if (options.inline_css) h += "<style>\n" + std::string(css_text) + "</style>\n";
    else h += "<link rel=\"stylesheet\" href=\"" + e(options.stylesheet_href) + "\">\n";
    h += "</head>\n<body>\n<main>\n<header>\n<h1>Statement of continuing-education credit</h1>\n";
    h += "<p class=\"meta\">For <strong>" + e(person) + "</strong>";
    if (!log.person.email.empty())
        h += " &middot; <a href=\"mailto:" + e(log.person.email) + "\">" + e(log.person.email) + "</a>";
    h += " &middot; produced on <time datetime=\"" +
         options.produced.to_string() + "\">" + options.produced.to_string() + "</time>";
    if (!options.app_version.empty()) h += " by " + e(options.app_version);
    h += "</p>\n</header>\n";

    std::vector<std::size_t> which = options.credentials;
    if (which.empty())
        for (std::size_t c = 0; c < log.credentials.size(); ++c) which.push_back(c);
    const bool evaluated = eval.credentials.size() == log.credentials.size() && eval.activity_count == log.activities.size();
    for (std::size_t c : which) {
        if (c >= log.credentials.size()) continue;
        const Credential& cred = log.credentials[c];
        const std::string sid = "credential-" + std::to_string(c + 1);
        const CredentialResult* r = evaluated ? &eval.credentials[c] : nullptr;
        const RulePack* named_by = r ? r->pack : nullptr;
        const std::string short_name = credential_short_name(cred, named_by);
        const std::string full_name = credential_full_name(cred, named_by);
        // "ACSM CPT: ACSM Certified Personal Trainer"; "ASM CE transcript" (not "ASM CE: ASM CE transcript").
        h += "<section aria-labelledby=\"" + sid + "\">\n<h2 id=\"" + sid + "\">" +
             e(full_name.rfind(short_name, 0) == 0 ? full_name : short_name + ": " + full_name) + "</h2>\n";
        if (!r || !r->pack) {
            h += "<p class=\"note\">No rule pack applies to this credential" +
                 std::string(r && !r->problem.empty() ? " (" + e(r->problem) + ")" : "") +
                 ", so no credits are stated for it.</p>\n</section>\n";
            continue;
        }
        const RulePack& pack = *r->pack;
        const FinalizedStatement* fin = nullptr;
        for (const FinalizedStatement& f : cred.statements)
            if (!f.unlock && f.period == r->window) fin = &f;
        h += "<dl>\n";
        h += "<dt>Certifying body</dt><dd>" + e(pack.name) + "</dd>\n";
        h += "<dt>Credential number</dt><dd>" + (cred.id_number.empty() ? std::string("(not recorded)") : e(cred.id_number)) + "</dd>\n";
        h += "<dt>Certified on</dt><dd>" + cred.certified_on.to_string() + "</dd>\n";
        h += "<dt>Cycle</dt><dd>" + r->cycle.first.to_string() + " to " + r->cycle.last.to_string() + "</dd>\n";
        h += "<dt>Credit window</dt><dd>" + r->window.first.to_string() + " to " + r->window.last.to_string() + "</dd>\n";
        h += "<dt>Rules applied</dt><dd>" + e(upper(pack.body)) + " rule pack, version " + e(pack.version) + "</dd>\n";
        h += "<dt>Required</dt><dd>" + r->required.to_short_string() + " " + e(pack.unit) + "</dd>\n";
        h += "<dt>Statement</dt><dd>" +
             (fin ? "<span class=\"status final\">Finalized on " + fin->finalized_on.to_string() + "</span>"
                  : std::string("<span class=\"status\">Not finalized</span>")) +
             "</dd>\n</dl>\n";

        std::map<int, Credits> per_category;
        Credits total;
        std::string rows;
        int count = 0;
        std::vector<std::size_t> order(log.activities.size());
        for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return log.activities[x].earned < log.activities[y].earned;
        });
        for (std::size_t a : order) { // by date earned, as an auditor reads a statement
            const Explanation& x = eval.at(c, a);
            if (x.applied <= Credits()) continue;
            const Activity& act = log.activities[a];
            ++count;
            total += x.applied;
            per_category[x.category] += x.applied;
            rows += "<tr><td><time datetime=\"" + act.earned.to_string() + "\">" + act.earned.to_string() + "</time></td>";
            rows += "<th scope=\"row\">" + e(act.title) + "</th>";
            rows += "<td>" + e(act.provider) + "</td>";
            rows += "<td>" + e(act.provider_approval) + "</td>";
            rows += "<td>" + e(category_name(pack, x.category)) + "</td>";
            rows += "<td class=\"num\">" + e(amount_with_unit(act.effective_amount(), act.unit)) + "</td>";
            rows += "<td class=\"num\">" + x.applied.to_string() + "</td></tr>\n";
        }
        const std::string unit = e(pack.unit);
        h += "<table>\n<caption>Activities counted for " + e(short_name) + ", " + r->window.first.to_string() + " to " +
             r->window.last.to_string() + "</caption>\n";
        h += "<thead><tr><th scope=\"col\">Date earned</th><th scope=\"col\">Activity</th><th scope=\"col\">Provider</th>"
             "<th scope=\"col\">Approval number</th><th scope=\"col\">Category</th><th scope=\"col\" class=\"num\">Recorded</th>"
             "<th scope=\"col\" class=\"num\">Applied (" + unit + ")</th></tr></thead>\n<tbody>\n";
        if (count == 0) h += "<tr><td colspan=\"7\">No activity counts for this credential yet.</td></tr>\n";
        h += rows;
        h += "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"6\">Total applied (" + std::to_string(count) +
             (count == 1 ? " activity" : " activities") + ")</th><td class=\"num\">" + total.to_string() + "</td></tr></tfoot>\n</table>\n";

        h += "<table>\n<caption>Totals per category</caption>\n<thead><tr><th scope=\"col\">Category</th>"
             "<th scope=\"col\" class=\"num\">Applied (" + unit + ")</th><th scope=\"col\" class=\"num\">Minimum</th>"
             "<th scope=\"col\" class=\"num\">Maximum</th></tr></thead>\n<tbody>\n";
        for (const auto& [cat, amount] : per_category) {
            std::string min = "", max = "";
            for (const CategoryProgress& p : r->categories)
                if (p.category == cat) {
                    if (p.min) min = p.min->to_string();
                    if (p.max) max = p.max->to_string();
                }
            h += "<tr><th scope=\"row\">" + e(category_name(pack, cat)) + "</th><td class=\"num\">" + amount.to_string() +
                 "</td><td class=\"num\">" + min + "</td><td class=\"num\">" + max + "</td></tr>\n";
        }
        if (per_category.empty()) h += "<tr><td colspan=\"4\">No credits applied yet.</td></tr>\n";
        h += "</tbody>\n<tfoot><tr><th scope=\"row\">Total toward the " + r->required.to_short_string() + " required</th>"
             "<td class=\"num\">" + r->toward_required.to_string() + "</td><td></td><td></td></tr></tfoot>\n</table>\n";
        if (!r->pending.is_zero())
            h += "<p class=\"note\">Not yet posted (claimed or pending, not included above): " + r->pending.to_string() + " " +
                 unit + ".</p>\n";
        h += "</section>\n";
    }
    h += "<footer><p>Credits are applied by the certifying body's rules as encoded in the rule pack named above; "
         "amounts are exact to the hundredth. Keep the certificates for each activity: an audit asks for them.</p></footer>\n";
    h += "</main>\n</body>\n</html>\n";
    return h;
}

} // namespace recert::core

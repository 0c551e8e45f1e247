// expires-invalid: an --expires value the Taskcluster UI cannot parse (`1.5h`, `15 mins`, `1h15`).
#include "duration/duration.h"
#include "rules/request/request_check.h"

namespace tcg::rules {
namespace {

class ExpiresInvalidCheck : public RequestCheck {
 public:
  std::string_view id() const override { return "expires-invalid"; }
  void check_request(const SigninRequest& request, const policy::Policy&, std::vector<Finding>& out) const override {
    if (!request.expires_known) return;
    auto parsed = parse_duration(request.expires);
    if (parsed) return;
    std::string where = parsed.error().where.column > 0
                            ? " (at character " + std::to_string(parsed.error().where.column) + ")"
                            : "";
    out.push_back(finding(request,
                          "--expires `" + request.expires + "` is not a valid duration" + where + ": " +
                              parsed.error().message,
                          "Use whole numbers with units in the order y, mo, w, d, h, m, s, e.g. --expires 15m or "
                          "--expires 1h30m."));
  }
};

}  // namespace
std::unique_ptr<Check> make_expires_invalid_check() { return std::make_unique<ExpiresInvalidCheck>(); }
}  // namespace tcg::rules

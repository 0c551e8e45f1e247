// What to say when the API could not tell what the credentials hold or what the task needs; the
// finding itself (unverifiable-credentials, its level by cluster) is the judge's.
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

std::pair<std::string, std::string> unverifiable(const Target& target, const std::string& what) {
  return {"the credentials could not be checked: " + what +
              (target.production ? "; refused on a production cluster (fail closed)"
                                 : "; proceeding on a non-production cluster"),
          "Check TASKCLUSTER_ROOT_URL and the network, then try again. If the credentials were rejected, sign in "
          "again and unset TASKCLUSTER_CERTIFICATE unless you use temporary credentials on purpose."};
}

}  // namespace tcg::guard::credential

// The interned lists of case labels on a path (see eval_state.h).
#include <algorithm>

#include "shell/eval_state.h"

namespace tcg::shell {

std::vector<std::string_view> LabelPath::from(size_t first) const {
  std::vector<std::string_view> out;
  for (const LabelNode* n = last_; n && n->size > first; n = n->parent) out.push_back(n->label);
  std::reverse(out.begin(), out.end());
  return out;
}

LabelPath LabelTable::push(LabelPath path, std::string_view label) {
  auto it = index_.find({path.last_, label});
  if (it == index_.end()) {
    LabelNode& node = nodes_.emplace_back(LabelNode{std::string(label), path.last_, path.size() + 1});
    it = index_.emplace(std::make_pair(path.last_, std::string_view(node.label)), &node).first;
  }
  LabelPath out;
  out.last_ = it->second;
  return out;
}

}  // namespace tcg::shell

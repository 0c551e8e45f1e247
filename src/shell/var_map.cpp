// The variables of a path: a shared base plus the path's own changes (see eval_state.h).
#include "shell/eval_state.h"

namespace tcg::shell {

const Value* VarMap::get(std::string_view name) const {
  if (changes_) {
    auto it = changes_->find(name);
    if (it != changes_->end()) return it->second ? &*it->second : nullptr;
  }
  if (base_) {
    auto it = base_->find(name);
    if (it != base_->end()) return &it->second;
  }
  return nullptr;
}

VarMap::Changes& VarMap::writable_changes() {
  if (!changes_) {
    changes_ = std::make_shared<Changes>();
  } else if (changes_.use_count() > 1) {
    changes_ = std::make_shared<Changes>(*changes_);
  }
  return *changes_;
}

// Folds the changes into a new base (shared by the paths that copy this one from now on).
void VarMap::fold() {
  base_ = std::make_shared<const Map>(merged());
  changes_.reset();
}

VarMap::Map VarMap::merged() const {
  Map out = base_ ? *base_ : Map();
  if (changes_) {
    for (const auto& [name, value] : *changes_) {
      if (value) {
        out.insert_or_assign(name, *value);
      } else {
        out.erase(name);
      }
    }
  }
  return out;
}

Value& VarMap::operator[](std::string_view name) {
  if (changes_ && changes_->size() >= kMaxChanges && !changes_->count(name)) fold();
  Changes& changes = writable_changes();
  auto it = changes.find(name);
  if (it == changes.end()) {
    const Value* old = nullptr;
    if (base_) {
      auto b = base_->find(name);
      if (b != base_->end()) old = &b->second;
    }
    it = changes.emplace(std::string(name), old ? *old : Value{}).first;
  } else if (!it->second) {
    it->second = Value{};
  }
  return *it->second;
}

void VarMap::erase(std::string_view name) {
  if (!get(name)) return;
  bool in_base = base_ && base_->count(name);
  Changes& changes = writable_changes();
  if (in_base) {
    changes.insert_or_assign(std::string(name), std::nullopt);
  } else {
    changes.erase(changes.find(name));
  }
}

bool VarMap::operator==(const VarMap& other) const {
  if (base_ == other.base_) {
    if (changes_ == other.changes_) return true;
    // Same base: only the changed names can differ.
    auto same = [&](const Changes* changes) {
      if (!changes) return true;
      for (const auto& entry : *changes) {
        const Value* a = get(entry.first);
        const Value* b = other.get(entry.first);
        if ((a == nullptr) != (b == nullptr) || (a && !(*a == *b))) return false;
      }
      return true;
    };
    return same(changes_.get()) && same(other.changes_.get());
  }
  return merged() == other.merged();
}

}  // namespace tcg::shell

// The variables of a path: a shared base plus the path's own changes (see eval_state.h).
#include <algorithm>
#include <functional>

#include "shell/eval_state.h"

namespace tcg::shell {

namespace {

bool entry_before(uint64_t hash_a, std::string_view name_a, uint64_t hash_b, std::string_view name_b) {
  return hash_a != hash_b ? hash_a < hash_b : name_a < name_b;
}

bool same_value(const Value* a, const Value* b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return *a == *b;
}

}  // namespace

uint64_t VarMap::hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

// Only a filter (equal values hash equal; a collision costs a full comparison), so a long text
// is hashed by its length and ends: a value that grows on every path (PATH=...:$PATH) would
// otherwise be rehashed whole at every assignment.
uint64_t VarMap::hash_of(const Value& value) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  };
  auto mix_text = [&](const std::string& text) {
    constexpr size_t kEnds = 48;
    std::string_view t = text;
    mix(t.size());
    if (t.size() <= 2 * kEnds) {
      mix(hash_of(t));
    } else {
      mix(hash_of(t.substr(0, kEnds)));
      mix(hash_of(t.substr(t.size() - kEnds)));
    }
  };
  mix(static_cast<uint64_t>(value.kind));
  mix(value.is_array ? 1 : 0);
  mix(value.exported ? 1 : 0);
  mix(value.items.size());
  for (const std::string& item : value.items) mix_text(item);
  mix_text(value.display);
  for (int id : value.outputs) mix(static_cast<uint64_t>(id));
  return h;
}

uint64_t VarMap::share(const Entry& e) {
  if (!e.value) return 0;
  uint64_t x = e.hash ^ (e.value_hash * 0xff51afd7ed558ccdull);
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 29);
}

const VarMap::Entry* VarMap::find_change(std::string_view name, uint64_t hash) const {
  if (!changes_) return nullptr;
  for (const Entry& e : *changes_)
    if (e.hash == hash && e.name == name) return &e;
  return nullptr;
}

const VarMap::Entry* VarMap::find_base(std::string_view name, uint64_t hash) const {
  if (!base_) return nullptr;
  auto it = std::lower_bound(base_->begin(), base_->end(), 0,
                             [&](const Entry& e, int) { return entry_before(e.hash, e.name, hash, name); });
  return it != base_->end() && it->hash == hash && it->name == name ? &*it : nullptr;
}

const VarMap::Entry* VarMap::find(std::string_view name, uint64_t hash) const {
  const Entry* changed = find_change(name, hash);
  return changed ? changed : find_base(name, hash);
}

const Value* VarMap::get(std::string_view name) const {
  const Entry* e = find(name, hash_of(name));
  return e ? e->value.get() : nullptr;
}

VarMap::Entries& VarMap::writable_changes() {
  if (!changes_) {
    changes_ = std::make_shared<Entries>();
    changes_->reserve(kMaxChanges);
  } else if (changes_.use_count() > 1) {
    auto copy = std::make_shared<Entries>();
    copy->reserve(kMaxChanges);
    *copy = *changes_;
    changes_ = std::move(copy);
  }
  return *changes_;
}

// The path's own entry for `name` (its value may still be shared, or null when erased).
VarMap::Entry& VarMap::change_slot(std::string_view name, uint64_t hash) {
  const Entry* changed = find_change(name, hash);
  if (!changed && changes_ && changes_->size() >= kMaxChanges) fold();
  size_t at = changed ? static_cast<size_t>(changed - changes_->data()) : 0;
  Entries& changes = writable_changes();  // a copy of a shared list keeps its order
  if (changed) return changes[at];
  const Entry* old = find_base(name, hash);
  changes.push_back(old ? *old : Entry{std::string(name), hash, nullptr, 0});
  return changes.back();
}

// Puts `value` (with its hash) in the path's own entry, keeping content_hash_ up to date.
void VarMap::store(Entry& e, std::shared_ptr<Value> value, uint64_t value_hash) {
  content_hash_ -= share(e);
  e.value = std::move(value);
  e.value_hash = value_hash;
  content_hash_ += share(e);
}

void VarMap::set(std::string_view name, Value value) {
  Entry& e = change_slot(name, hash_of(name));
  uint64_t value_hash = hash_of(value);
  if (e.value && e.value.use_count() == 1) {
    std::shared_ptr<Value> own = e.value;  // not moved out: store() still reads the old entry
    *own = std::move(value);                // the path's own value: no other path sees it change
    store(e, std::move(own), value_hash);
  } else {
    store(e, std::make_shared<Value>(std::move(value)), value_hash);
  }
}

std::shared_ptr<const Value> VarMap::get_shared(std::string_view name) const {
  const Entry* e = find(name, hash_of(name));
  return e ? e->value : nullptr;
}

void VarMap::set_shared(std::string_view name, std::shared_ptr<const Value> value) {
  if (!value) {
    erase(name);
    return;
  }
  Entry& e = change_slot(name, hash_of(name));
  uint64_t value_hash = hash_of(*value);
  // Shared values are never changed in place: set() writes in place only when use_count() is 1.
  store(e, std::const_pointer_cast<Value>(std::move(value)), value_hash);
}

void VarMap::mark_exported(std::string_view name) {
  const Value* v = get(name);
  if (!v || v->exported) return;
  Value copy = *v;
  copy.exported = true;
  set(name, std::move(copy));
}

void VarMap::erase(std::string_view name) {
  uint64_t hash = hash_of(name);
  if (!find(name, hash)) return;
  bool in_base = find_base(name, hash) != nullptr;
  Entry& e = change_slot(name, hash);
  store(e, nullptr, 0);
  // An erased entry stays to hide the base's; with nothing to hide it goes.
  if (!in_base) changes_->erase(changes_->begin() + (&e - changes_->data()));
}

template <class F>
void VarMap::for_each_visible(F&& visit) const {
  if (base_) {
    for (const Entry& e : *base_)
      if (!find_change(e.name, e.hash)) visit(e);
  }
  if (changes_) {
    for (const Entry& c : *changes_)
      if (c.value) visit(c);
  }
}

// Every variable of the path, sorted, without erased ones: the base is sorted already, so
// the few changes are sorted and merged in.
VarMap::Entries VarMap::merged() const {
  std::vector<const Entry*> changed;
  if (changes_) {
    for (const Entry& c : *changes_) changed.push_back(&c);
    std::sort(changed.begin(), changed.end(),
              [](const Entry* x, const Entry* y) { return entry_before(x->hash, x->name, y->hash, y->name); });
  }
  Entries out;
  out.reserve((base_ ? base_->size() : 0) + changed.size());
  size_t k = 0;
  auto take_changes_before = [&](const Entry* limit) {
    while (k < changed.size() &&
           (!limit || entry_before(changed[k]->hash, changed[k]->name, limit->hash, limit->name))) {
      if (changed[k]->value) out.push_back(*changed[k]);
      ++k;
    }
  };
  if (base_) {
    for (const Entry& e : *base_) {
      take_changes_before(&e);
      if (k < changed.size() && changed[k]->hash == e.hash && changed[k]->name == e.name) {
        if (changed[k]->value) out.push_back(*changed[k]);
        ++k;
      } else {
        out.push_back(e);
      }
    }
  }
  take_changes_before(nullptr);
  return out;
}

// Folds the changes into a new base (shared by the paths that copy this one from now on).
void VarMap::fold() {
  base_ = std::make_shared<const Entries>(merged());
  changes_.reset();
}

bool VarMap::operator==(const VarMap& other) const {
  if (content_hash_ != other.content_hash_) return false;
  if (base_ == other.base_) {
    if (changes_ == other.changes_) return true;
    // Same base: only the changed names can differ.
    auto same = [&](const Entries* changes) {
      if (!changes) return true;
      for (const Entry& e : *changes) {
        const Entry* a = find(e.name, e.hash);
        const Entry* b = other.find(e.name, e.hash);
        if (!same_value(a ? a->value.get() : nullptr, b ? b->value.get() : nullptr)) return false;
      }
      return true;
    };
    return same(changes_.get()) && same(other.changes_.get());
  }
  // Different bases (folded at different times), same hash: entry by entry, without copies.
  size_t mine = 0;
  bool same = true;
  for_each_visible([&](const Entry& e) {
    ++mine;
    if (!same) return;
    const Entry* o = other.find(e.name, e.hash);
    if (!o || !same_value(e.value.get(), o->value.get())) same = false;
  });
  if (!same) return false;
  size_t theirs = 0;
  other.for_each_visible([&](const Entry&) { ++theirs; });
  if (mine != theirs) return false;
  return true;
}

}  // namespace tcg::shell

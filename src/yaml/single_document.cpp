#include "yaml/single_document.h"

#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace tcg::yaml {

namespace {

// Consumes one document's events, noting where its first node is, if it has one.
class DocumentProbe : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> first_node;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(mark);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& mark) {
    if (!first_node) first_node = mark;
  }
};

}  // namespace

SingleDocument load_single_document(std::string_view text) {
  SingleDocument result;
  std::string owned(text);
  result.root = YAML::Load(owned);
  std::istringstream in(owned);
  YAML::Parser parser(in);
  DocumentProbe first;
  if (!parser.HandleNextDocument(first)) return result;
  DocumentProbe second;
  if (parser.HandleNextDocument(second)) result.second_document = second.first_node;
  return result;
}

YAML::Node load_known_single_document(std::string_view text) { return YAML::Load(std::string(text)); }

}  // namespace tcg::yaml

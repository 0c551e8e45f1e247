// Rendering a lint report the size of bench/lint_10k.sh's (20,000 requests, 20,000 findings) as
// JSON and SARIF, into memory: the renderers' own cost, without the shell front end.
#include <benchmark/benchmark.h>

#include <ostream>
#include <streambuf>

#include "report/render.h"

namespace {

tcg::Report make_report(size_t files) {
  tcg::Report report;
  for (size_t i = 0; i < files; ++i) {
    std::string file = "user" + std::to_string(i / 100) + "/rc" + std::to_string(i % 100) + ".bash";
    for (int branch = 0; branch < 2; ++branch) {
      tcg::SigninRequest r;
      r.where = {file, 14, 10};
      r.context = branch ? "tc-signin/admin" : "tc-signin/relduty";
      r.root_url = "https://firefox-ci-tc.services.mozilla.com/";
      r.cluster = "firefoxci";
      r.scopes = branch ? std::vector<std::string>{"*"}
                        : std::vector<std::string>{"queue:rerun-task:gecko-level-1/*", "queue:cancel-task:*"};
      r.expires = branch ? "15m" : "1h";
      r.expires_seconds = branch ? 900 : 3600;
      tcg::Finding f;
      f.rule = "scope-redundant";
      f.severity = tcg::Severity::Note;
      f.message = "`queue:cancel-task:*` is requested together with a scope that covers it";
      f.help = "Ask for each scope once.";
      f.where = r.where;
      f.context = r.context;
      f.request = report.requests.size();
      report.requests.push_back(std::move(r));
      report.findings.push_back(std::move(f));
    }
  }
  return report;
}

// Counts the bytes and keeps none: an 18 MB std::ostringstream would time memory growth and
// copies, not the renderer.
class CountingBuffer : public std::streambuf {
 public:
  size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes;
    return traits_type::not_eof(c);
  }
};

void BM_WriteJson(benchmark::State& state) {
  tcg::Report report = make_report(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    CountingBuffer sink;
    std::ostream out(&sink);
    tcg::report::write_json(out, report);
    benchmark::DoNotOptimize(sink.bytes);
  }
}
BENCHMARK(BM_WriteJson)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_WriteSarif(benchmark::State& state) {
  tcg::Report report = make_report(static_cast<size_t>(state.range(0)));
  tcg::report::RenderOptions options;
  options.base_dir = "/home/user/dotfiles";
  options.rules = tcg::report::describe_rules();
  for (auto _ : state) {
    CountingBuffer sink;
    std::ostream out(&sink);
    tcg::report::write_sarif(out, report, options);
    benchmark::DoNotOptimize(sink.bytes);
  }
}
BENCHMARK(BM_WriteSarif)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

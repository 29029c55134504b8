// Traversal panel decode times: one slider move (one image) and a full grid (D · 9 images in one
// decodeBatch call), for D = 2 and D = 20 at the default model sizes, as the panel measures them
// (decode plus building the images). A benchmark, not a test: `cmake --build build --target
// bench_traversal`, then `QT_QPA_PLATFORM=offscreen build/tests/benchmarks/gui/bench_traversal`.

#include "tools/traversal/traversaltool.h"

#include <vae/config.h>
#include <vae/inference.h>

#include <QApplication>
#include <QSlider>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    constexpr int kRepeats = 200;
    for (int dim : {2, 20}) {
        vae::TrainingConfig config;
        config.latentDim = dim;
        config.hiddenSizes = vae::TrainingConfig::defaultHiddenSizes(dim);
        const auto model = vae::makeUntrainedModel(config);
        vae::gui::TraversalPanel panel;
        panel.setModel(model);
        std::vector<double> single;
        std::vector<double> grid;
        for (int i = 0; i < kRepeats; ++i) {
            panel.slider(i % dim)->setValue((i * 37) % 601 - 300);
            single.push_back(panel.lastDecodeMs());
            panel.updateGrid();
            grid.push_back(panel.lastGridMs());
        }
        std::printf("D = %2d (hidden", dim);
        for (int h : config.hiddenSizes)
            std::printf(" %d", h);
        std::printf("): slider move median %.3f ms (p95 %.3f), grid of %d images median %.2f ms "
                    "(p95 %.2f)\n",
                    median(single), percentile(single, 0.95), dim * panel.steps(), median(grid),
                    percentile(grid, 0.95));
    }
    return 0;
}

#include "shapes_examples.h"

#include "vae/dataset.h"
#include "vae/shapes.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace vae {

namespace detail {

void ShapesExamples::fill(std::int64_t index, std::span<float> out) const
{
    if (index < 0 || index >= std::int64_t(m_indices.size()))
        throw std::out_of_range("shapes: example " + std::to_string(index) + " is outside [0, " +
                                std::to_string(m_indices.size()) + ")");
    if (out.size() != std::size_t(kShapesPixels))
        throw std::invalid_argument("shapes: an example has " + std::to_string(kShapesPixels) +
                                    " values, not " + std::to_string(out.size()));
    std::array<std::uint8_t, kShapesPixels> bytes{};
    renderShape(shapesFactorsOf(m_indices[std::size_t(index)]), bytes.data());
    std::transform(bytes.begin(), bytes.end(), out.begin(),
                   [](std::uint8_t b) { return float(b); });
}

} // namespace detail

namespace {

/// Labels (the shape) and the five factor indices of the images `indices`.
void describeExamples(const std::vector<int>& indices, ImageSet& set)
{
    set.labels.resize(indices.size());
    set.factors.resize(indices.size() * kShapesFactorSizes.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const ShapesFactors f = shapesFactorsOf(indices[k]);
        set.labels[k] = std::uint8_t(f.shape);
        const std::array<int, 5> values{f.shape, f.scale, f.orientation, f.posX, f.posY};
        std::copy(values.begin(), values.end(), set.factors.begin() + std::ptrdiff_t(k * 5));
    }
}

} // namespace

DataDescription shapesDescription()
{
    DataDescription d;
    d.name = "Shapes";
    d.source = "shapes";
    d.height = kShapesSide;
    d.width = kShapesSide;
    d.channels = 1;
    d.values = ValueKind::Binary;
    for (const std::string_view name : shapesShapeNames())
        d.classNames.emplace_back(name);
    for (std::size_t f = 0; f < kShapesFactorSizes.size(); ++f) {
        d.factorNames.emplace_back(shapesFactorNames()[f]);
        d.factorSizes.push_back(kShapesFactorSizes[f]);
    }
    return d;
}

Dataset loadShapes(int testCount, std::uint64_t seed)
{
    if (testCount < 1 || testCount >= kShapesCount)
        throw std::invalid_argument("loadShapes: the test set must hold 1 to " +
                                    std::to_string(kShapesCount - 1) + " images, not " +
                                    std::to_string(testCount));
    const std::vector<int> testIndices =
        shapesTestIndices(double(testCount) / double(kShapesCount), seed);
    std::vector<int> trainIndices;
    trainIndices.reserve(std::size_t(kShapesCount) - testIndices.size());
    auto next = testIndices.begin();
    for (int i = 0; i < kShapesCount; ++i) {
        if (next != testIndices.end() && *next == i)
            ++next;
        else
            trainIndices.push_back(i);
    }

    Dataset data;
    data.description = shapesDescription();
    for (ImageSet* set : {&data.train, &data.test}) {
        set->rows = kShapesSide;
        set->cols = kShapesSide;
        set->channels = 1;
    }
    // The test set is stored (the latent plot encodes all of it, often); the training set is made
    // batch by batch.
    data.test.count = int(testIndices.size());
    data.test.pixels.resize(testIndices.size() * std::size_t(kShapesPixels));
    const detail::ShapesExamples testImages(testIndices);
    for (std::size_t k = 0; k < testIndices.size(); ++k)
        testImages.fill(std::int64_t(k), std::span(data.test.pixels)
                                              .subspan(k * std::size_t(kShapesPixels),
                                                       std::size_t(kShapesPixels)));
    describeExamples(testIndices, data.test);
    data.train.count = int(trainIndices.size());
    describeExamples(trainIndices, data.train);
    data.train.generator = std::make_shared<const detail::ShapesExamples>(std::move(trainIndices));
    return data;
}

} // namespace vae

#include "vae/user_dataset.h"
#include "vae/csv_reader.h"
#include "vae/errors.h"
#include "vae/npy_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>

namespace vae {
namespace {

/// splitmix64 (Steele, Lea & Flood 2014), as a counter-based generator: the same on every
/// platform, unlike std::shuffle and the std distributions.
constexpr std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

ImageSet subset(const ImageSet& all, const std::vector<std::size_t>& rows)
{
    ImageSet out;
    out.count = int(rows.size());
    out.rows = all.rows;
    out.cols = all.cols;
    out.channels = all.channels;
    const std::size_t per = std::size_t(all.pixelsPerImage());
    out.pixels.resize(rows.size() * per);
    for (std::size_t i = 0; i < rows.size(); ++i)
        std::copy_n(all.pixels.begin() + std::ptrdiff_t(rows[i] * per), per,
                    out.pixels.begin() + std::ptrdiff_t(i * per));
    if (!all.labels.empty())
        for (std::size_t row : rows)
            out.labels.push_back(all.labels[row]);
    return out;
}

void standardise(Dataset& data)
{
    DataDescription& d = data.description;
    const std::size_t features = std::size_t(d.inputSize());
    std::vector<double> mean(features, 0.0), m2(features, 0.0);
    // Welford's update per column: stable for columns with a large mean and a small spread.
    const std::vector<float>& train = data.train.pixels;
    for (std::size_t r = 0; r < std::size_t(data.train.count); ++r)
        for (std::size_t c = 0; c < features; ++c) {
            const double x = train[r * features + c];
            const double delta = x - mean[c];
            mean[c] += delta / double(r + 1);
            m2[c] += delta * (x - mean[c]);
        }
    d.featureMean.resize(features);
    d.featureScale.resize(features);
    for (std::size_t c = 0; c < features; ++c) {
        const double sd = std::sqrt(m2[c] / double(data.train.count));
        d.featureMean[c] = static_cast<float>(mean[c]);
        // Constant (within float precision): scale 1, so the column is 0 and maps back exactly.
        const bool constant = !(sd > 1e-7 * std::abs(mean[c])) ||
                              static_cast<float>(sd) < std::numeric_limits<float>::min();
        d.featureScale[c] = constant ? 1.0f : static_cast<float>(sd);
    }
    for (ImageSet* set : {&data.train, &data.test})
        for (std::size_t i = 0; i < set->pixels.size(); ++i) {
            const std::size_t c = i % features;
            const double v = (double(set->pixels[i]) - d.featureMean[c]) / d.featureScale[c];
            if (!(std::abs(v) <= std::numeric_limits<float>::max()))
                throw DataError(d.name + ": column " + std::to_string(c + 1) + " of " +
                                (set == &data.train ? "training" : "test") + " example " +
                                std::to_string(i / features) +
                                " overflows a float once standardised");
            set->pixels[i] = static_cast<float>(v);
        }
}

} // namespace

Dataset splitExamples(Examples examples, double testFraction, std::uint64_t seed)
{
    const ImageSet& all = examples.set;
    const std::size_t n = std::size_t(std::max(all.count, 0));
    if (n < 2)
        throw DataError(examples.description.name + ": " + std::to_string(n) +
                        (n == 1 ? " example" : " examples") +
                        "; at least 2 are needed (one to train on, one to test)");
    std::size_t testCount = std::size_t(std::llround(double(n) * testFraction));
    testCount = std::clamp<std::size_t>(testCount, 1, n - 1);

    // Fisher–Yates, the first testCount positions drawn: order[0 .. testCount) is the test set.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    const std::uint64_t key = splitmix64(seed);
    for (std::size_t i = 0; i < testCount; ++i) {
        // A uniform index in [i, n) by a 64×64 → 128-bit multiply (Lemire 2019, without the
        // rejection step: its bias, below (n − i)/2^64, does not matter for a split).
        const unsigned __int128 wide =
            static_cast<unsigned __int128>(splitmix64(key ^ std::uint64_t(i))) * (n - i);
        std::swap(order[i], order[i + std::size_t(wide >> 64)]);
    }
    std::vector<std::size_t> test(order.begin(), order.begin() + std::ptrdiff_t(testCount));
    std::vector<std::size_t> train(order.begin() + std::ptrdiff_t(testCount), order.end());
    std::sort(test.begin(), test.end());
    std::sort(train.begin(), train.end());

    Dataset data;
    data.train = subset(all, train);
    data.test = subset(all, test);
    data.description = std::move(examples.description);
    const DataDescription& d = data.description;
    if (d.values == ValueKind::Real && d.height == 1 && d.channels == 1)
        standardise(data);
    return data;
}

bool isUserDataSpec(std::string_view spec)
{
    return spec.starts_with("csv:") || spec.starts_with("npy:");
}

UserDataSpec parseUserDataSpec(std::string_view spec)
{
    UserDataSpec out;
    if (spec.starts_with("csv:"))
        out.format = UserDataSpec::Format::Csv;
    else if (spec.starts_with("npy:"))
        out.format = UserDataSpec::Format::Npy;
    else
        throw DataError("dataset \"" + std::string(spec) +
                        "\" is not a user's table or array: expected csv:PATH[:label=COLUMN] or "
                        "npy:PATH");
    std::string_view rest = spec.substr(4);
    if (out.format == UserDataSpec::Format::Csv) {
        if (const std::size_t at = rest.rfind(":label="); at != std::string_view::npos) {
            out.labelColumn = std::string(rest.substr(at + 7));
            rest = rest.substr(0, at);
            if (out.labelColumn.empty())
                throw DataError("dataset \"" + std::string(spec) +
                                "\": label= names no column (expected csv:PATH:label=COLUMN)");
        }
    }
    out.path = std::string(rest);
    if (out.path.empty())
        throw DataError("dataset \"" + std::string(spec) + "\" names no file (expected " +
                        (out.format == UserDataSpec::Format::Csv ? "csv:PATH[:label=COLUMN]"
                                                                 : "npy:PATH") +
                        ")");
    return out;
}

Dataset loadUserDataset(std::string_view spec)
{
    const UserDataSpec parsed = parseUserDataSpec(spec);
    Examples examples = parsed.format == UserDataSpec::Format::Csv
                            ? readCsv(parsed.path, parsed.labelColumn)
                            : readNpy(parsed.path);
    Dataset data = splitExamples(std::move(examples));
    // The path made absolute, so that a checkpoint opened from another directory finds the file.
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(parsed.path, ec);
    data.description.source =
        std::string(spec.substr(0, 4)) + (ec ? parsed.path : absolute.lexically_normal().string()) +
        (parsed.labelColumn.empty() ? "" : ":label=" + parsed.labelColumn);
    return data;
}

} // namespace vae

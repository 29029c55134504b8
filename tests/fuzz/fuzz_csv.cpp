// libFuzzer target: the CSV table reader (core/src/csv_reader.cpp, libcsv underneath) on arbitrary
// bytes, without and with a label column, and the split and standardisation of what it reads.
// Every input must either load with consistent sizes and finite values or throw vae::DataError;
// any other exception, a crash, a sanitizer report, a leak or a hang is a finding.

#include "fuzz_support.h"
#include "vae/csv_reader.h"
#include "vae/errors.h"
#include "vae/user_dataset.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

void check(const vae::Examples& e)
{
    const vae::ImageSet& s = e.set;
    VAE_FUZZ_CHECK(s.count >= 1 && s.rows == 1 && s.cols >= 1 && s.channels == 1);
    VAE_FUZZ_CHECK(s.pixels.size() == std::size_t(s.count) * std::size_t(s.cols));
    VAE_FUZZ_CHECK(e.description.inputSize() == s.cols);
    VAE_FUZZ_CHECK(e.description.featureNames.size() == std::size_t(s.cols));
    VAE_FUZZ_CHECK(s.labels.empty() || s.labels.size() == std::size_t(s.count));
    for (std::uint8_t label : s.labels)
        VAE_FUZZ_CHECK(label < e.description.classCount());
    for (float v : s.pixels)
        VAE_FUZZ_CHECK(std::isfinite(v));
}

void splitAndCheck(vae::Examples e)
{
    const int count = e.set.count;
    try {
        const vae::Dataset d = vae::splitExamples(std::move(e));
        VAE_FUZZ_CHECK(d.train.count + d.test.count == count && d.test.count >= 1);
        VAE_FUZZ_CHECK(d.description.featureScale.size() == std::size_t(d.description.inputSize()));
        for (float v : d.train.pixels)
            VAE_FUZZ_CHECK(std::isfinite(v));
        for (float v : d.description.featureScale)
            VAE_FUZZ_CHECK(v > 0.0f && std::isfinite(v));
        // The description survives its JSON round trip (it is saved in checkpoints).
        VAE_FUZZ_CHECK(vae::DataDescription::fromJson(d.description.toJson()) == d.description);
    } catch (const vae::DataError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const vae::fuzz::MemoryFile file(data, size);
    for (const char* label : {"", "y"}) {
        try {
            vae::Examples e = vae::readCsv(file.path(), label);
            check(e);
            VAE_FUZZ_CHECK(*label == 0 || !e.set.labels.empty());
            splitAndCheck(std::move(e));
        } catch (const vae::DataError&) {
        }
    }
    return 0;
}

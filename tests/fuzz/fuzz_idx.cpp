// libFuzzer target: the IDX image and label readers (core/src/dataset.cpp) on arbitrary bytes.
// Every input must either load with consistent sizes or throw vae::DataError; any other exception,
// a crash, a sanitizer report, a leak or a hang is a finding.

#include "fuzz_support.h"
#include "vae/dataset.h"
#include "vae/errors.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const vae::fuzz::MemoryFile file(data, size);
    try {
        const vae::IdxImages images = vae::readIdxImages(file.path());
        VAE_FUZZ_CHECK(images.count >= 1 && images.rows >= 1 && images.cols >= 1);
        VAE_FUZZ_CHECK(images.bytes.size() == std::size_t(images.count) * std::size_t(images.rows) *
                                                  std::size_t(images.cols));
        VAE_FUZZ_CHECK(16 + images.bytes.size() == size);
    } catch (const vae::DataError&) {
    }
    try {
        const std::vector<std::uint8_t> labels = vae::readIdxLabels(file.path());
        VAE_FUZZ_CHECK(!labels.empty() && 8 + labels.size() == size);
    } catch (const vae::DataError&) {
    }
    return 0;
}

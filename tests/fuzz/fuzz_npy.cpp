// libFuzzer target: the NumPy .npy reader (core/src/npy_reader.cpp) on arbitrary bytes, and the
// split of what it reads. Every input must either load with consistent sizes and finite values,
// its size matching the header, or throw vae::DataError; any other exception, a crash, a
// sanitizer report, a leak, a hang or an allocation beyond what the file holds is a finding.

#include "fuzz_support.h"
#include "vae/errors.h"
#include "vae/npy_reader.h"
#include "vae/user_dataset.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const vae::fuzz::MemoryFile file(data, size);
    try {
        vae::Examples e = vae::readNpy(file.path());
        const vae::ImageSet& s = e.set;
        VAE_FUZZ_CHECK(s.count >= 1 && s.rows >= 1 && s.cols >= 1);
        VAE_FUZZ_CHECK(s.channels == 1 || s.channels == 3);
        VAE_FUZZ_CHECK(s.pixels.size() == std::size_t(s.count) * std::size_t(s.pixelsPerImage()));
        VAE_FUZZ_CHECK(e.description.inputSize() == s.pixelsPerImage());
        // At most 8 bytes in the file per value (float64), and the header before them.
        VAE_FUZZ_CHECK(s.pixels.size() <= size);
        for (float v : s.pixels) {
            VAE_FUZZ_CHECK(std::isfinite(v));
            if (e.description.values == vae::ValueKind::UnitInterval)
                VAE_FUZZ_CHECK(v >= 0.0f && v <= 1.0f);
        }
        const int count = s.count;
        try {
            const vae::Dataset d = vae::splitExamples(std::move(e));
            VAE_FUZZ_CHECK(d.train.count + d.test.count == count);
        } catch (const vae::DataError&) {
        }
    } catch (const vae::DataError&) {
    }
    return 0;
}

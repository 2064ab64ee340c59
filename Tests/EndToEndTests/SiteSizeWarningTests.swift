import ForesitePipeline
import Testing

/// A site nearing GitHub Pages' 1 GB is said once per build, with its size; a small one says nothing.
@Suite struct SiteSizeWarningTests {
    @Test func aSmallSiteGetsNoWarning() {
        #expect(SiteBuild.sizeWarning(bytes: 15_106 * 1024, output: "docs") == nil)
        #expect(SiteBuild.sizeWarning(bytes: 799_999_999, output: "docs") == nil)
    }

    @Test func fourFifthsOfTheLimitIsNear() {
        #expect(
            SiteBuild.sizeWarning(bytes: 850_000_000, output: "docs")
                == "warning: docs/ is 850 MB, near the limit: GitHub Pages publishes sites of at most 1 GB")
    }

    @Test func pastTheLimitSaysADeployMayBeRefused() {
        #expect(
            SiteBuild.sizeWarning(bytes: 1_220_000_000, output: "site")
                == "warning: site/ is 1220 MB, over the limit: GitHub Pages publishes sites of at most 1 GB, so a "
                + "deploy may be refused")
    }
}

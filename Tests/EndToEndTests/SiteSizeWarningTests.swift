import ForesitePipeline
import Testing

/// A site nearing GitHub Pages' 1 GB is said once per build, with its size; a small one says nothing.
@Suite struct SiteSizeWarningTests {
    @Test func aSmallSiteGetsNoWarning() {
        #expect(SiteBuild.sizeWarning(bytes: 15_106 * 1024, output: "docs", hubExport: true) == nil)
        #expect(SiteBuild.sizeWarning(bytes: 799_999_999, output: "docs", hubExport: true) == nil)
    }

    @Test func fourFifthsOfTheLimitIsNear() {
        #expect(
            SiteBuild.sizeWarning(bytes: 850_000_000, output: "docs", hubExport: false)
                == "warning: docs/ is 850 MB, near the limit: GitHub Pages publishes sites of at most 1 GB")
    }

    @Test func pastTheLimitSaysADeployMayBeRefusedAndWhatHelps() {
        #expect(
            SiteBuild.sizeWarning(bytes: 1_220_000_000, output: "site", hubExport: true)
                == "warning: site/ is 1220 MB, over the limit: GitHub Pages publishes sites of at most 1 GB, so a "
                + "deploy may be refused (site.hub_export: false leaves out the hub export, about a third)")
    }
}

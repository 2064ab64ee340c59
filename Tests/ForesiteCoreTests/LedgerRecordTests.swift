import Testing

@testable import ForesiteCore

struct LedgerRecordTests {
    /// Records with every kind of field the content line must write as `contentFields` does: prices of up to
    /// 17 digits, tiny, huge, negative and subnormal numbers, zeros of both signs, infinities, NaNs with and
    /// without a payload, missing quantiles, non-ASCII versions and days outside years 0…9999.
    static func records() -> [LedgerRecord] {
        var generator = SeededGenerator(seed: 13)
        let special: [Double] = [
            0, -0.0, 1, 100, 190.0813610108183, 0.1, 1e-7, 1e22, 1e23, 123_456_789_012_345_680, 5e-324,
            2.2250738585072014e-308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity,
            .nan, -.nan, Double(nan: 5, signaling: false), .signalingNaN,
        ]
        let days = [
            Day(iso: "2025-01-01")!, Day(iso: "0000-03-01")!, Day(daysSinceEpoch: 3_000_000), Day(iso: "9999-12-31")!,
            Day(daysSinceEpoch: -800_000),
        ]
        var records: [LedgerRecord] = []
        for index in 0..<400 {
            let values = (0..<8).map { slot -> Double in
                switch (index + slot) % 3 {
                case 0: return special[(index * 7 + slot) % special.count]
                case 1: return Double(bitPattern: generator.next())
                default: return Double.random(in: 1...100_000, using: &generator)
                }
            }
            let intervals = zip(QuantileForecast.standardLevels, [(1, 7), (2, 6), (3, 5)])
                .filter { _ in Bool.random(using: &generator) || index.isMultiple(of: 2) }
                .map { PredictionInterval(level: $0, lower: values[$1.0], upper: values[$1.1]) }
            let day = days[index % days.count]
            records.append(
                LedgerRecord(
                    madeOn: day, model: index.isMultiple(of: 5) ? "quantile-ar" : "lstm",
                    modelVersion: index.isMultiple(of: 3) ? "garch(1 1) through \(day.iso): ω 1.8e-05 α 0.05" : "v1",
                    targetGroup: "solana", field: "close", origin: day.adding(days: -1), horizon: index % 12 + 1,
                    targetDay: day.adding(days: index % 12), reference: values[0],
                    forecast: QuantileForecast(median: values[4], intervals: intervals),
                    inputHash: String(generator.next(), radix: 16)))
        }
        return records
    }

    @Test func theContentLineIsTheContentFieldsJoinedByCommas() {
        for record in Self.records() {
            #expect(record.contentLine == record.contentFields.joined(separator: ","))
        }
    }

    @Test func theChainHashIsTheReferenceSHA256OfThePreviousHashAndTheLine() {
        var previous = LedgerRecord.genesis
        var hasher = LedgerChainHasher()
        for record in Self.records() {
            let expected = ReferenceSHA256.hex(
                Array((previous + "," + record.contentFields.joined(separator: ",")).utf8))
            #expect(record.expectedHash(after: previous) == expected)
            #expect(hasher.hash(record, after: previous).hex == expected)
            #expect(LedgerRecord.chainHash(previous: previous, contentLine: record.contentLine) == expected)
            previous = expected
        }
    }

    /// `records()` chained one after the other from the genesis hash.
    static func chained() -> [LedgerRecord] {
        var previous = LedgerRecord.genesis
        return records().map { record in
            let chained = record.chained(after: previous)
            previous = chained.hash
            return chained
        }
    }

    @Test func verificationNamesTheFirstBrokenRowAsBefore() {
        var records = Self.chained()
        #expect(LedgerVerification(records: records).isVerified)
        #expect(LedgerVerification(records: records).firstDay == Day(daysSinceEpoch: -800_000))

        var changed = records
        changed[17].reference = changed[17].reference.nextUp
        let content = LedgerVerification(records: changed).firstBroken
        #expect(content?.position == 18)
        #expect(content?.reason == "content does not match its hash \(records[17].hash.prefix(12))…")

        records[40].previousHash = records[38].hash
        let link = LedgerVerification(records: records).firstBroken
        #expect(link?.position == 41)
        #expect(
            link?.reason
                == "previous hash \(records[38].hash.prefix(12))… should be \(records[39].hash.prefix(12))…")
        records[40].previousHash = records[39].hash
        records[60].hash = records[60].hash.uppercased()
        #expect(LedgerVerification(records: records).firstBroken?.position == 61)
    }

    /// A walk from row k + 1 takes the first k rows as they are and finds a break after them where a whole
    /// walk does.
    @Test func aWalkFromALaterRowChecksOnlyTheRowsFromThere() {
        var records = Self.chained()
        records[10].reference = records[10].reference.nextUp
        #expect(LedgerVerification(records: records).firstBroken?.position == 11)
        #expect(LedgerVerification(records: records, walkingFrom: 11).isVerified)
        #expect(LedgerVerification(records: records, walkingFrom: 11).count == records.count)
        #expect(LedgerVerification(records: records, walkingFrom: 10).firstBroken?.position == 11)
        records[300].model += "x"
        #expect(LedgerVerification(records: records, walkingFrom: 11).firstBroken?.position == 301)
        #expect(LedgerVerification(records: records, walkingFrom: records.count).isVerified)
    }

    @Test func onlyAWalkThatHeldVouchesForExactlyTheRowsItWalked() {
        let records = Self.chained()
        let previous = records.last!.hash
        let walked = LedgerVerification(records: records)
        #expect(walked.verifiedHead == records.last?.hash)
        #expect(walked.vouches(for: records))
        #expect(!walked.vouches(for: Array(records.dropLast())), "fewer rows than walked")
        #expect(!walked.vouches(for: records + [records[0].chained(after: previous)]), "a row not walked")
        var otherHead = records
        otherHead[otherHead.count - 1].hash = records[0].hash
        #expect(!walked.vouches(for: otherHead))

        var changed = records
        changed[5].model += "x"
        #expect(LedgerVerification(records: changed).verifiedHead == nil, "a broken chain vouches for nothing")
        #expect(!LedgerVerification(records: changed).vouches(for: changed))
        let stated = LedgerVerification(count: records.count, firstDay: records.first?.madeOn, firstBroken: nil)
        #expect(!stated.vouches(for: records), "a verification stated without a walk")
        #expect(!LedgerVerification(records: []).vouches(for: []))
    }
}

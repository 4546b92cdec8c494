import Testing
import Yams
@testable import BantinKit

/// What a plain scalar means: YAML 1.1's null, booleans and decimal integers, everything else text.
@Suite struct YAMLScalarKindTests {
    private func kind(_ yaml: String) throws -> YAMLScalarKind? {
        try #require(try Yams.compose(yaml: "key: \(yaml)\n")?.mapping?["key"]).scalarKind
    }

    @Test func keywordsNumbersAndTexts() throws {
        for null in ["~", "null", "Null", "NULL"] { #expect(try kind(null) == .null) }
        #expect(try kind("") == .null)
        for yes in ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"] { #expect(try kind(yes) == .bool(true)) }
        for no in ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"] { #expect(try kind(no) == .bool(false)) }
        #expect(try kind("0") == .int(0))
        #expect(try kind("+0") == .int(0))
        #expect(try kind("-17") == .int(-17))
        #expect(try kind("2023") == .int(2023))
        #expect(try kind("9223372036854775807") == .int(Int.max))
        // Texts: a leading zero (a commune code like 02218), other cases of keywords, signs alone,
        // numbers too long for an Int, decimals, Vietnamese, and anything quoted.
        for text in ["02218", "00", "tRue", "nULL", "+", "12a", "1.5", "99999999999999999999", "Hùng Lợi", "Yên Sơn", "\"true\"", "'12'"] {
            #expect(try kind(text) == .text, "\(text)")
        }
    }
}

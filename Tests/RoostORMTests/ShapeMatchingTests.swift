import RoostDatabase
@testable import RoostORM
import Testing

/// The statement cache's key: queries equal in everything but their values share a shape,
/// hash alike and hand over their values in the compiler's binding order.
struct ShapeMatchingTests {
    private func shape(_ query: QuerySet<Article>) -> (hash: Int, values: [DatabaseValue])? {
        ShapeWalk(query.query, dialect: "sqlite").map { ($0.finalize(), $0.values) }
    }

    @Test func queriesThatDifferOnlyInValuesShareAShape() throws {
        let first = Article.objects.filter { $0.views > 5 && $0.title == "a" }.orderBy(\.views)[0..<10]
        let second = Article.objects.filter { $0.views > 70 && $0.title == "zz" }.orderBy(\.views)[0..<10]
        let a = try #require(shape(first)), b = try #require(shape(second))
        #expect(a.hash == b.hash)
        #expect(ShapeMatching.sameShape(first.query, second.query))
        #expect(a.values == [.int(5), .string("a")])
        #expect(b.values == [.int(70), .string("zz")])
    }

    @Test func anythingButAValueMakesAnotherShape() {
        let base = Article.objects.filter { $0.views > 5 }.orderBy(\.views)[0..<10]
        let others: [QuerySet<Article>] = [
            Article.objects.filter { $0.views < 5 }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.views >= 5 }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.rating > 5 }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.views > 5 }.orderBy(\.views, .descending)[0..<10],
            Article.objects.filter { $0.views > 5 }.orderBy(\.title)[0..<10],
            Article.objects.filter { $0.views > 5 }.orderBy(\.views)[0..<11],
            Article.objects.filter { $0.views > 5 }.orderBy(\.views),
            Article.objects.filter { $0.views > 5 }.orderBy(\.views).distinct()[0..<10],
            Article.objects.filter { $0.views > 5 }.orderBy(\.views).selectRelated(\.author)[0..<10],
            Article.objects.filter { $0.views > 5 || $0.views > 6 }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.views.isIn([1, 2]) }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.views > 5 }.filter { $0.views > 5 }.orderBy(\.views)[0..<10],
            Article.objects.filter { $0.author.name == "5" }.orderBy(\.views)[0..<10],
        ]
        for other in others {
            #expect(!ShapeMatching.sameShape(base.query, other.query), "\(other.query.filters) \(other.query.ordering)")
        }
    }

    @Test func inListsOfOtherLengthsAreOtherShapes() throws {
        let two = Article.objects.filter { $0.views.isIn([1, 2]) }
        let three = Article.objects.filter { $0.views.isIn([1, 2, 3]) }
        let otherTwo = Article.objects.filter { $0.views.isIn([8, 9]) }
        #expect(!ShapeMatching.sameShape(two.query, three.query))
        #expect(ShapeMatching.sameShape(two.query, otherTwo.query))
        #expect(try #require(shape(otherTwo)).values == [.int(8), .int(9)])
    }

    @Test func textLookupsAndOffsetsAreNotCached() {
        #expect(shape(Article.objects.filter { $0.title.startsWith("a") }) == nil)
        #expect(shape(Article.objects.filter { $0.views > 1 }[5..<10]) == nil)
        #expect(shape(Article.objects.filter { $0.views > 1 }[0..<10]) != nil)
    }
}

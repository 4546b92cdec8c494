/// A list split into pages of `paginate` items: the home page, a commune's, a district's, an
/// archive's, an author's or a tag's.
extension RandomAccessCollection where Index == Int {
    /// The pages it fills; an empty list still has its first page.
    func pageCount(paginate: Int) -> Int { Swift.max(1, (count + paginate - 1) / paginate) }

    /// Its items on page `number` (from 1); none past the last page.
    func page(_ number: Int, paginate: Int) -> SubSequence {
        self[(startIndex + Swift.min(count, (number - 1) * paginate))..<(startIndex + Swift.min(count, number * paginate))]
    }
}

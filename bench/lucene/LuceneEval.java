// Lucene 8 baseline for bench/relevance.py: index the same paragraphs with ArabicAnalyzer (its stop
// words, normaliser and light stemmer) and BM25, run the same queries (AND; when that finds fewer than
// 10, the rest of the top 10 filled with OR hits; "quoted" queries as phrases, never relaxed) and print
// {"query id": {"ids": [top-10 paragraph ids], "all_words": paragraphs matching every word}} as JSON.
// Usage: java LuceneEval paragraphs.tsv queries.tsv [fill|nofill]   (TSV: id TAB text, one per line;
// nofill: OR only when AND finds nothing)
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

public class LuceneEval {
    public static void main(String[] args) throws Exception {
        Analyzer analyzer = new ArabicAnalyzer();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 2);
                Document doc = new Document();
                doc.add(new StringField("id", parts[0], Field.Store.YES));
                doc.add(new TextField("text", parts.length > 1 ? parts[1] : "", Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
        searcher.setSimilarity(new BM25Similarity());
        StringBuilder out = new StringBuilder("{");
        List<String> queries = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        for (int q = 0; q < queries.size(); q++) {
            String[] parts = queries.get(q).split("\t", 2);
            String text = parts[1].trim();
            boolean phrase = text.length() > 1 && text.startsWith("\"") && text.endsWith("\"");
            String escaped = QueryParser.escape(phrase ? text.substring(1, text.length() - 1) : text);
            if (phrase) escaped = "\"" + escaped + "\"";
            java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
            int allWords = searcher.count(parse(analyzer, escaped, QueryParser.Operator.AND));
            for (ScoreDoc hit : search(searcher, analyzer, escaped, QueryParser.Operator.AND)) {
                ids.add(searcher.doc(hit.doc).get("id"));
            }
            boolean fill = args.length < 3 || !args[2].equals("nofill");
            if ((fill ? ids.size() < 10 : ids.isEmpty()) && !phrase) {  // fill the top 10 with OR hits, after the AND hits
                for (ScoreDoc hit : search(searcher, analyzer, escaped, QueryParser.Operator.OR)) {
                    if (ids.size() < 10) ids.add(searcher.doc(hit.doc).get("id"));
                }
            }
            out.append(q == 0 ? "" : ",").append(json(parts[0])).append(":{\"ids\":[");
            int i = 0;
            for (String id : ids) if (i < 10) out.append(i++ == 0 ? "" : ",").append(json(id));
            out.append("],\"all_words\":").append(allWords).append("}");
        }
        System.out.println(out.append("}"));
    }

    static Query parse(Analyzer analyzer, String text, QueryParser.Operator op) throws Exception {
        QueryParser parser = new QueryParser("text", analyzer);
        parser.setDefaultOperator(op);
        return parser.parse(text);
    }

    static ScoreDoc[] search(IndexSearcher searcher, Analyzer analyzer, String text, QueryParser.Operator op)
            throws Exception {
        return searcher.search(parse(analyzer, text, op), 20).scoreDocs;
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}

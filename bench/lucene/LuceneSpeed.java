// Lucene side of bench/scale.py: build an index of the generated paragraphs, then time the bench queries.
//
//   java -cp <lucene jars>:bench/out/classes LuceneSpeed <variant> <docs.tsv> <index dir> <queries.tsv> <threads>
//
// variant "pre":    docs.tsv holds our analysed tokens (search/analysis.py) joined by spaces, indexed with
//                   WhitespaceAnalyzer; queries use the same analysed tokens.
// variant "arabic": docs.tsv holds the raw paragraph text, indexed with Lucene's ArabicAnalyzer; queries are
//                   the raw query words analysed by the same analyzer.
// docs.tsv:    id \t body \t year (or -) \t kind \t text            (one paragraph per line)
// queries.tsv: type \t body (or -) \t yearFrom (or -) \t yearTo (or -) \t analysed tokens \t raw words
//              type is term | and | phrase; every term is required (AND), a phrase is exact.
// Prints "LUCENE key value" lines that scale.py reads. Built with `threads` indexing threads (IndexWriter
// is thread-safe); no forceMerge, as for the other engines. Searches reuse one IndexSearcher, collect the
// top 10 by BM25 and load the stored id of each hit. Every query runs once untimed (warm-up), then the
// timed passes.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class LuceneSpeed {
    private static final String[] POISON = new String[0];

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Path docs = Paths.get(args[1]);
        Path indexDir = Paths.get(args[2]);
        Path queries = Paths.get(args[3]);
        int threads = Integer.parseInt(args[4]);
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        Analyzer analyzer = variant.equals("arabic") ? new ArabicAnalyzer() : new WhitespaceAnalyzer();

        long started = System.nanoTime();
        long count = build(docs, indexDir, analyzer, threads);
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("LUCENE docs %d%n", count);
        System.out.printf("LUCENE build_s %.3f%n", buildSeconds);
        System.out.printf("LUCENE size_bytes %d%n", directorySize(indexDir));

        List<Query> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                parsed.add(toQuery(line.split("\t", -1), variant, analyzer));
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            System.out.printf("LUCENE segments %d%n", reader.leaves().size());
            IndexSearcher searcher = new IndexSearcher(reader);
            int empty = 0;
            for (Query query : parsed) {  // warm-up
                if (run(searcher, query) == 0) {
                    empty++;
                }
            }
            System.out.printf("LUCENE empty %d%n", empty);
            StringBuilder times = new StringBuilder();
            for (int pass = 0; pass < passes; pass++) {
                for (Query query : parsed) {
                    long t = System.nanoTime();
                    run(searcher, query);
                    times.append(String.format("%.4f ", (System.nanoTime() - t) / 1e6));
                }
            }
            System.out.println("LUCENE times_ms " + times.toString().trim());
        }
    }

    private static long run(IndexSearcher searcher, Query query) throws IOException {
        TopDocs top = searcher.search(query, 10);
        for (ScoreDoc hit : top.scoreDocs) {
            searcher.doc(hit.doc).get("id");
        }
        return top.totalHits.value;
    }

    private static long build(Path docs, Path indexDir, Analyzer analyzer, int threads) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(512);
        long[] count = new long[1];
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(indexDir), config)) {
            BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(threads * 4);
            List<Thread> workers = new ArrayList<>();
            Exception[] failure = new Exception[1];
            for (int i = 0; i < threads; i++) {
                Thread worker = new Thread(() -> {
                    try {
                        while (true) {
                            String[] batch = queue.take();
                            if (batch == POISON) {
                                return;
                            }
                            for (String line : batch) {
                                writer.addDocument(toDocument(line));
                            }
                        }
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                });
                worker.start();
                workers.add(worker);
            }
            try (BufferedReader reader = Files.newBufferedReader(docs, StandardCharsets.UTF_8)) {
                List<String> batch = new ArrayList<>(1000);
                String line;
                while ((line = reader.readLine()) != null) {
                    batch.add(line);
                    count[0]++;
                    if (batch.size() == 1000) {
                        queue.put(batch.toArray(new String[0]));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    queue.put(batch.toArray(new String[0]));
                }
            }
            for (int i = 0; i < threads; i++) {
                queue.put(POISON);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            writer.commit();
        }
        return count[0];
    }

    private static Document toDocument(String line) {
        String[] parts = line.split("\t", 5);
        Document doc = new Document();
        doc.add(new StringField("id", parts[0], Field.Store.YES));
        doc.add(new StringField("body", parts[1], Field.Store.NO));
        if (!parts[2].equals("-")) {
            doc.add(new IntPoint("year", Integer.parseInt(parts[2])));
        }
        doc.add(new StringField("kind", parts[3], Field.Store.NO));
        doc.add(new TextField("text", parts[4], Field.Store.NO));
        return doc;
    }

    private static Query toQuery(String[] parts, String variant, Analyzer analyzer) throws IOException {
        String type = parts[0];
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (variant.equals("arabic")) {
            try (TokenStream stream = analyzer.tokenStream("text", parts[5])) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
                stream.reset();
                int position = -1;
                while (stream.incrementToken()) {
                    position += increment.getPositionIncrement();
                    terms.add(term.toString());
                    positions.add(position);
                }
                stream.end();
            }
        } else {
            String[] tokens = parts[4].trim().split(" ");
            for (int i = 0; i < tokens.length; i++) {
                terms.add(tokens[i]);
                positions.add(i);
            }
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        if (type.equals("phrase")) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            for (int i = 0; i < terms.size(); i++) {
                phrase.add(new Term("text", terms.get(i)), positions.get(i));
            }
            builder.add(phrase.build(), BooleanClause.Occur.MUST);
        } else {
            for (String term : terms) {
                builder.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.MUST);
            }
        }
        if (!parts[1].equals("-")) {
            builder.add(new TermQuery(new Term("body", parts[1])), BooleanClause.Occur.FILTER);
        }
        if (!parts[2].equals("-")) {
            builder.add(
                IntPoint.newRangeQuery("year", Integer.parseInt(parts[2]), Integer.parseInt(parts[3])),
                BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

package io.trendtags.client.replay;

import java.util.List;

/** The words the generated timeline is made of: hashtags by popularity, sentences by language, emoji. */
final class TimelineVocabulary {

  private TimelineVocabulary() {}

  /**
   * Hashtags, most popular first: the generator draws rank r with weight 1/r (Zipf), so the head is what
   * the dashboard shows. Every script the brief asks for appears in the head as well as the tail.
   */
  static final List<String> TAGS = List.of(
      // the head
      "Java", "Kafka", "AI", "東京", "OpenSource", "Spark", "Python", "MondayMotivation", "BigData", "DataScience",
      "Москва", "Football", "رمضان", "DevOps", "भारत", "Kubernetes", "WorldCup", "プログラミング", "Rust", "Music",
      // the body
      "MachineLearning", "Cloud", "Linux", "Coffee", "100DaysOfCode", "HBase", "Docker", "Travel", "Photography",
      "CyberSecurity", "JavaScript", "TypeScript", "React", "WebDev", "Programming", "Coding", "Tech", "Startup",
      "LLM", "GenAI", "DeepLearning", "Science", "Space", "NASA", "Climate", "ClimateAction", "Books", "Art",
      "Movies", "Netflix", "Gaming", "Esports", "News", "Weekend", "FridayFeeling", "TBT", "ThrowbackThursday",
      "Foodie", "Fitness", "Health", "NBA", "NFL", "Olympics", "Election", "Weather", "Sunset", "BlackFriday",
      "Thanksgiving", "Christmas", "Halloween", "AWS", "Azure", "GCP", "Postgres", "SQL", "NoSQL", "GraphQL",
      "API", "Android", "iOS", "Swift", "Kotlin", "Scala", "Haskell", "Elixir", "GoLang", "Terraform", "Ansible",
      "GitHub", "GitOps", "Observability", "SRE", "Microservices", "Serverless", "Blockchain", "Web3", "NLP",
      "ComputerVision", "Robotics", "IoT", "EdgeComputing", "5G", "QuantumComputing", "Hackathon", "DevRel",
      "TechTwitter", "WomenInTech", "CodeNewbie", "Frontend", "Backend", "FullStack", "UX", "UIDesign", "Agile",
      "Scrum", "RemoteWork", "WFH", "Productivity", "Career", "Hiring", "JobSearch", "Leadership", "Marketing",
      "SEO", "Ecommerce", "Fintech", "Crypto", "Bitcoin", "Ethereum", "StockMarket", "Investing", "Economy",
      "Education", "EdTech", "Math", "Physics", "Chemistry", "Biology", "Astronomy", "Nature", "Wildlife",
      "Dogs", "Cats", "Pets", "Garden", "Cooking", "Recipe", "Vegan", "Yoga", "Running", "Cycling", "Tennis",
      "Cricket", "F1", "MotoGP", "Basketball", "Baseball", "Hockey", "Rugby", "Golf", "Boxing", "UFC",
      "PremierLeague", "ChampionsLeague", "LaLiga", "SerieA", "Bundesliga", "MLS", "Anime", "Manga", "KPop",
      "BTS", "Jazz", "HipHop", "Rock", "Concert", "Festival", "Fashion", "Beauty", "Design", "Architecture",
      "History", "Museum", "Poetry", "Writing", "AmWriting", "Podcast", "YouTube", "Streaming", "TwitchStreamer",
      "IndieDev", "GameDev", "Unity", "UnrealEngine", "PixelArt", "3D", "Blender", "OpenAI", "ChatGPT",
      "DataEngineering", "Analytics", "ETL", "Streaming2026", "EventDriven", "ApacheKafka", "ApacheSpark",
      "JVM", "SpringBoot", "Quarkus", "GraalVM", "Maven", "Gradle", "JUnit", "TDD", "CleanCode", "Refactoring",
      "CodeReview", "PairProgramming", "Hacktoberfest", "AdventOfCode", "Devoxx", "KafkaSummit", "JavaOne",
      // other scripts and accents, spread through the tail
      "日本", "ラーメン", "拡散希望", "今日の一枚", "写真好きな人と繋がりたい", "エンジニア", "猫", "桜", "アニメ",
      "駆け出しエンジニアと繋がりたい", "北京", "中文", "上海", "서울", "케이팝", "한국", "السعودية", "مصر", "دبي",
      "كرة_القدم", "تقنية", "الذكاء_الاصطناعي", "Россия", "программирование", "футбол", "СанктПетербург",
      "новости", "हिंदी", "क्रिकेट", "दिल्ली", "मुंबई", "दिवाली", "Αθήνα", "Ελλάδα", "Fútbol", "España", "México",
      "Café", "Paris", "Köln", "München", "Zürich", "São_Paulo", "Montréal", "İstanbul", "Kraków", "Ōsaka");

  /** Tags people write in several casings (#Java, #JAVA, #java): the case-folding test of the pipeline. */
  static final List<String> MIXED_CASE = List.of(
      "Java", "Kafka", "AI", "OpenSource", "Spark", "Python", "MondayMotivation", "BigData", "DevOps",
      "Football", "Rust", "Music", "Coffee", "Linux", "Москва", "Fútbol", "GitHub", "TechTwitter");

  /** A language (BCP 47, as X's {@code lang}), its sentences, and how many tweets in 100 are in it. */
  record Language(String code, int weight, List<String> sentences) {}

  static final List<Language> LANGUAGES = List.of(
      new Language("en", 58, List.of(
          "Just shipped a new release, feedback welcome",
          "Spent the whole morning chasing a flaky test. It was the clock, it is always the clock",
          "Hot take: most dashboards need fewer charts, not more",
          "Reading about exactly-once delivery again and it finally clicks",
          "Coffee first, then the standup, then the actual work",
          "Our stream job survived a broker restart without losing a single event",
          "Anyone else going to the meetup tonight?",
          "Great thread on how to size partitions for a small cluster",
          "The sunset over the river today was unreal",
          "What a match! Extra time and a penalty shootout",
          "New blog post on backpressure in streaming systems",
          "Weekend plans: hiking, reading, no laptops",
          "Pro tip: write the test before you fix the bug",
          "I can't believe how fast this build is after the upgrade",
          "Thinking about how we count things at scale, and why it is hard",
          "Finally migrated the last service off the old cluster",
          "Looking for recommendations: best intro book on distributed systems?",
          "The new release notes are out and there is a lot in there",
          "Rainy day, hot soup, good podcast",
          "We are hiring engineers who like boring, reliable systems")),
      new Language("ja", 10, List.of(
          "今日は新しいリリースを出しました。フィードバックお待ちしています",
          "朝からずっとテストのデバッグをしていました",
          "渋谷のカフェで作業中。コーヒーが美味しい",
          "週末は友達とラーメンを食べに行きます",
          "ストリーム処理の勉強会に参加しました。とても勉強になった",
          "今日の夕焼けがとても綺麗でした")),
      new Language("es", 6, List.of(
          "¡Qué partido! Increíble remontada en el último minuto",
          "Hoy aprendí algo nuevo sobre sistemas distribuidos",
          "Café, código y música: el plan perfecto para el lunes",
          "¿Alguien más va a la conferencia mañana?")),
      new Language("ar", 5, List.of(
          "رمضان كريم لكل المتابعين",
          "تعلمت اليوم شيئا جديدا عن معالجة البيانات",
          "مباراة رائعة الليلة، ما رأيكم؟",
          "صباح الخير من القاهرة")),
      new Language("ru", 5, List.of(
          "Сегодня выпустили новую версию, ждём отзывов",
          "Отличный матч вчера вечером!",
          "Изучаю потоковую обработку данных, очень интересно",
          "Доброе утро из Москвы")),
      new Language("hi", 5, List.of(
          "आज मैंने कुछ नया सीखा",
          "क्या शानदार मैच था!",
          "सभी को दिवाली की शुभकामनाएं",
          "नई रिलीज़ आ गई है, अपनी राय दें")),
      new Language("fr", 4, List.of(
          "Belle journée à Paris, café en terrasse",
          "Nouvel article sur le traitement de flux en temps réel",
          "Quel match ce soir !")),
      new Language("de", 3, List.of(
          "Heute endlich den Cluster migriert. Läuft!",
          "Schönes Wochenende allerseits",
          "Spannender Vortrag über Datenströme")),
      new Language("ko", 2, List.of(
          "오늘 새로운 버전을 출시했습니다",
          "서울은 오늘 날씨가 정말 좋네요")),
      new Language("pt", 2, List.of(
          "Que jogo incrível ontem à noite!",
          "Aprendendo sobre processamento de dados em tempo real")));

  /** Emoji as people type them: plain, with variation selectors, skin tones, ZWJ sequences, flags. */
  static final List<String> EMOJI = List.of(
      "🚀", "😀", "🎉", "🔥", "❤️", "👍", "👍🏽", "🙏🏾", "😂", "🤔", "☕", "✌️", "👨‍💻", "👩‍👩‍👧", "🇯🇵", "🇧🇷",
      "⚽", "🏏", "🌅", "📈", "✅", "💡", "🐱", "🍜");

  static final List<String> NUMBER_SIGNS_THAT_ARE_NOT_HASHTAGS = List.of(
      "We're #1 again!", "C# or Java for this?", "Fixed in issue #4521.", "Room #12, 3pm.",
      "See https://example.com/docs#setup for details.");
}

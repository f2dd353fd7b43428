/**
 * Katakana knowledge IPADIC lacks, written for Mamori from general knowledge (not from the benchmark data). A
 * katakana word unknown to IPADIC is tagged 固有名詞,組織 whether it is a person (バイデン), a team (レイブンズ)
 * or a city (ボルチモア), so the tag says nothing; these lists give the scorer evidence either way:
 * - FOREIGN_GIVEN: frequent Western, Slavic and Latin given names as Japanese writes them (ジョン・…, マリー・…).
 * - KATAKANA_NON_PERSON: words that make a katakana compound an organisation, team, venue, product or event
 *   (…・ホテル, …・ユナイテッド, …・レコード) and frequent foreign place names that open team and company names
 *   (ボルチモア・…, ロサンゼルス・…).
 */
const FOREIGN_GIVEN_TEXT = `
ジョン ジョージ ジョセフ ジョゼフ ジェームズ ジェイムズ ジェームス ジム ジミー ジャック ジェイク ジェイ ジェフ ジェフリー
ジェリー ジェレミー ジェイソン ジョシュ ジョシュア ジョー ジョーイ ジョナサン ジョナタン ジョニー ジョーダン ジャスティン
マイケル マイク ミハエル ミヒャエル ミカエル ミシェル ミッシェル ミゲル ミハイル ミカ マーク マルク マルコ マーカス マルクス
マーティン マルティン マルタン マシュー マット マチュー マティアス マリオ マルセル マイルズ マックス マクシム
ウィリアム ウィル ウィリー ウォルター ヴァルター ウォーレン ヴィクター ヴィクトル ビクター ヴィンセント ヴィンチェンツォ
ロバート ロベルト ローベルト ロブ ボブ ボビー ロジャー ロナルド ロン ロイ ロドニー ローランド ロラン ロマン ローマン ルイ ルイス
ルーカス ルカ ルーク ルドルフ ルイージ ルチアーノ ルー ルディ リチャード リカルド リヒャルト リック リッキー リッチー リー
リアム ライアン レイ レイモンド レーモン レオ レオン レオナルド レナード レオポルド レフ ランディ ラリー ラルフ ランス
デイヴィッド デビッド デヴィッド デイビッド ダビド ダヴィド ダニエル ダニー ダン ダグラス ダリン ディーン ディエゴ デニス ドナルド
ドミニク ドン ダスティン デレク デイモン トーマス トマス トム トミー トニー トビー トッド トラヴィス ティモシー ティム テッド
テオドール テオ チャールズ チャーリー チャド クリス クリストファー クリスチャン クリスティアン クリスティアーノ クレイグ クリント
カール カルロス カルロ カルラス カーター カイル キース ケビン ケヴィン ケン ケネス ケニー ケイシー ケーシー キム ギャリー ゲイリー
ゲオルク ゲルハルト ゴードン グレッグ グレゴリー ハンス ハインリヒ ハインツ ハロルド ハリー ハンク ヘンリー アンリ エンリコ
ヘルマン ヘルムート ハーバート ハワード ヒュー ヒューゴ フランク フランシス フランソワ フランコ フランツ フランキー フレッド
フレデリック フリードリヒ フィリップ フィル ピーター ペーター ピエール ピエトロ パウル ポール パオロ パブロ パトリック パスカル
ブライアン ブラッド ブラッドリー ブルース ブルーノ ベン ベンジャミン バーナード バーニー ビル ビリー ビンス ボリス
アーサー アーネスト エルネスト アーロン アダム アラン アラン アルベルト アルバート アルフレッド アルフレート アレックス
アレクサンダー アレクサンドル アレクセイ アンドリュー アンドレ アンドレア アンドレイ アンディ アンディー アントニオ アントン
アンソニー イアン イーゴリ イワン イヴァン エドワード エドウィン エディ エリック エリオット エミール エミリオ エルナン オスカー
オリバー オリヴァー オットー オーレ サム サミュエル サイモン シモン ショーン スコット スタン スタンリー スティーブ
スティーヴ スティーブン スティーヴン ステファン シュテファン セバスティアン セルゲイ セス ニコラス ニコラ ニコライ ニック
ネイサン ネルソン ノーマン ハビエル フアン ホセ ヘスス ウラジーミル ユーリ ドミトリー ヴォルフガング ヤン ヨハン ヨハネス
ヨーゼフ ラース クラウス ウォーリー ベルナール ジャン ジャック ジル ギヨーム ジェラール エマニュエル
メアリー マリー マリア マーガレット マギー エリザベス エリザ ベス キャサリン キャシー キャスリーン ケイト ケイティ サラ サラー
サリー サンドラ シンディ シンシア ジェーン ジェーン ジェニファー ジェシカ ジュリア ジュリー ジョーン ジョアンナ スーザン ステファニー
ダイアナ ダイアン ナンシー ノーマ ハンナ ヘレン ヘザー ヒラリー ベティ ポーラ ミミ メイ メアリ メリッサ モニカ モリー リンダ
リサ ルーシー レイチェル ローラ ローズ アン アンナ アニー アンジェラ アリス アリシア エミリー エマ エレン エヴァ オリビア
オルガ カレン カトリーヌ クレア グレース クリスティーナ ケリー ゾーイ ソフィア ソフィー ティナ デボラ ドロシー ナタリー
ニコール パトリシア バーバラ ビクトリア ヴィクトリア フローレンス ヘレナ マリアンヌ マーサ マドンナ ミシェル ミア ルイーズ
レナ ロザリン ロレンツォ ガブリエル ガストン ジョルジュ モーリス アンセル ヴェルナー
アーヴィング アルヴィン エルヴィン ギュンター ディーター ウーヴェ ユルゲン ラルス スヴェン ビョルン
オラフ エリク ニルス マグヌス ヘンリク ミケル ホルヘ ペドロ ラウル ラファエル ロドリゴ フェルナンド フェリペ アレハンドロ
セルヒオ マヌエル ミゲル アントワーヌ ジャック ルネ レミ イヴ ヤニック ジュリアン クロード ドミニク
ジャンニ ジュゼッペ ジョヴァンニ サルヴァトーレ フランチェスコ アレッサンドロ ステファノ ファビオ ダヴィデ シモーネ
ウラジミール ヴラジーミル アナトリー ヴィタリー ヴァシーリー ニキータ パーヴェル ピョートル グリゴリー コンスタンチン
ヤロスラフ ミロスラフ トマーシュ パヴェル ズビグニェフ ヴォイチェフ クシシュトフ ラースロー イシュトヴァーン
アフメト メフメト ムハンマド モハメド アリ ハッサン オマル ユセフ イブラヒム アブドゥル
サンドラ サマンサ シェリル シャーリー シャーロット ジャクリーン ジョアン ジュディ ジュディス ジリアン ステラ
セリーナ セレーナ ダイアナ タミー ティファニー デビー デビー デニス ドナ ナオミ ニーナ ノラ バネッサ ヴァネッサ
ハイジ パメラ ブリジット ブレンダ ペギー ベアトリス ベロニカ ヴェロニカ ペネロペ マーガレット マーシャ マチルダ マルタ
ミランダ メーガン メラニー メリル モーガン ラウラ リタ リリー リンジー ルース レイラ レベッカ ロレイン ローレン ワンダ
イザベル イザベラ イネス イレーネ イングリッド ウルスラ エヴァ エリカ エレナ エレーヌ エステル オードリー カーラ カミラ
カルメン キャロル キャロライン クララ グロリア クリスティン グレタ コニー コリーン
`;

const KATAKANA_NON_PERSON_TEXT = `
ホテル グループ コーポレーション カンパニー カムパニー インク リミテッド ホールディングス エンタープライズ エンタープライズィズ
インターナショナル ジャパン コーポ ソフト システムズ システム テクノロジー テクノロジーズ エンターテインメント エンタテインメント
メディア レコード レコーズ レーベル ラジオ テレビ プロダクション プロダクションズ スタジオ スタジオズ ピクチャーズ フィルムズ
ユナイテッド シティ アスレティック アスレチック ローヴァーズ ローバーズ ワンダラーズ フォレスト アルビオン ホットスパー
レーシング モータース モーターズ オート パフォーマンス スポーツ リーグ カップ チャンピオンシップ プレミアシップ グランプリ
トロフィー オープン クラシック ツアー レース ショー フェスティバル フェスタ アワード アワーズ エキシビション エキスポ
パーク センター アリーナ スタジアム ドーム ホール ハウス タワー ビル ビルディング プラザ モール マーケット ストア ショップ
ステーション ストリート アベニュー ロード ブリッジ ベイ ビーチ ヒルズ ガーデン ガーデンズ ビレッジ ヴィレッジ タウン
リサーチ インスティテュート アカデミー アカデミア カレッジ ユニバーシティ スクール ハイスクール ミュージアム ライブラリー
バンド オーケストラ フィル フィルハーモニー カルテット トリオ クラブ チーム ユニオン ソサエティ アソシエーション ファンデーション
ヘルス ケア メディカル ファーマ バンク キャピタル ファイナンス トラスト インシュアランス エアウェイズ エアライン エアラインズ
レイルウェイ トレインズ モバイル ネットワーク ネットワークス コミュニケーションズ サービス サービシズ ソリューションズ
ブラザース ブラザーズ アンド ザ オブ デル デ ラ ル エル
ロサンゼルス ニューヨーク ボストン シカゴ デトロイト ヒューストン ダラス フィラデルフィア ボルチモア シンシナティ クリーブランド
ピッツバーグ アトランタ マイアミ フロリダ コロラド シアトル ポートランド サンフランシスコ サンアントニオ サンディエゴ
ワシントン ミネソタ ミルウォーキー カンザスシティ セントルイス トロント モントリオール バンクーバー オークランド ゴールデンステート
ニューオーリンズ インディアナ ユタ フェニックス メンフィス オーランド シャーロット ブルックリン テキサス アリゾナ オハイオ
ロンドン パリ ベルリン ミュンヘン ハンブルク ウィーン ローマ ミラノ トリノ ナポリ マドリード バルセロナ リスボン ポルト
アムステルダム ブリュッセル モスクワ ワルシャワ プラハ ブダペスト ストックホルム コペンハーゲン オスロ ヘルシンキ ダブリン
マンチェスター リヴァプール リバプール グラスゴー エディンバラ バーミンガム ウェストハム チェルシー アーセナル ユヴェントス
シドニー メルボルン オークランド ドイツ フランス イギリス イタリア スペイン ロシア アメリカ カナダ オランダ ブラジル メキシコ
`;

const toSet = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter((w) => w.length > 0));

export const FOREIGN_GIVEN: ReadonlySet<string> = toSet(FOREIGN_GIVEN_TEXT);
export const KATAKANA_NON_PERSON: ReadonlySet<string> = toSet(KATAKANA_NON_PERSON_TEXT);

/** Frequent given names in Latin script: an untitled capitalised pair is a name only when it starts with one. */
export const LATIN_GIVEN: ReadonlySet<string> = toSet(`
John James Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary
Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond
Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian
Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel
Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip Louis Tom Tim
Mike Bob Bill Jim Dave Steve Chris Ben Sam Max Luke Ian Neil Martin Simon Hans Karl Pierre Jean Thierry Michel Luis
Carlos Pablo Marco Paolo Luca Giovanni Ivan Sergei Dmitri Mary Patricia Jennifer Linda Elizabeth Barbara Susan
Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda
Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole
Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce
Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances
Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly
Danielle Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Kate Jane Sophie Claire
Taro Hanako Ichiro Kenji Yuki Hiroshi Takashi Akira Satoshi Naoki Yuko Keiko Tomoko Kazuo Makoto Haruka
`);

/** Frequent Western and Slavic family names as Japanese writes them (ジョーンズ, シュミット, イワノフ). */
export const FOREIGN_SURNAMES: ReadonlySet<string> = toSet(`
スミス ジョンソン ウィリアムズ ウィリアムス ブラウン ジョーンズ ミラー デイヴィス デイビス ガルシア ロドリゲス ウィルソン
マルティネス アンダーソン テイラー トーマス ヘルナンデス ムーア マーティン ジャクソン トンプソン ホワイト ロペス リー ゴンザレス
ハリス クラーク ルイス ロビンソン ウォーカー ペレス ホール ヤング アレン サンチェス ライト キング スコット グリーン ベイカー
ベーカー アダムス アダムズ ネルソン ヒル ラミレス キャンベル ミッチェル ロバーツ カーター フィリップス エヴァンス エバンス
ターナー トレス パーカー コリンズ エドワーズ スチュワート スチュアート フローレス モリス グエン マーフィー リベラ クック
ロジャース ロジャーズ モーガン ピーターソン クーパー リード ベイリー ベル ゴメス ケリー ハワード ワード コックス ディアス
リチャードソン ウッド ワトソン ブルックス ベネット グレイ ジェームズ レイエス クルーズ ヒューズ プライス マイヤーズ ロング
フォスター サンダース ロス モラレス パウエル サリバン ラッセル オルティス ジェンキンス グティエレス ペリー バトラー バーンズ
フィッシャー ヘンダーソン コールマン シモンズ パターソン ジョーダン レイノルズ ハミルトン グラハム キム ゴンザレス アレクサンダー
ラムゼイ ウォレス グリフィン ウェスト コール ヘイズ ブライアント ハーバート ギブソン エリス ステファンズ マーシャル オーウェンズ
ハリソン フォード ケネディ ウェルズ ワーナー ライス ブラック スティーブンス スティーヴンス ハーパー クラフト ホプキンス
シュミット シュナイダー ミュラー ミューラー フィッシャー ヴェーバー ウェーバー マイヤー マイアー ワグナー ヴァーグナー ベッカー
シュルツ ホフマン シェーファー コッホ バウアー リヒター クライン ヴォルフ ウルフ シュレーダー ノイマン シュヴァルツ ツィンマーマン
ブラウン クリューガー ハルトマン ランゲ シュミッツ クラウゼ マイヤー レーマン ケーラー ヘルマン ケーニヒ
マルタン ベルナール デュボワ トマ ロベール リシャール プティ デュラン ルロワ モロー シモン ローラン ルフェーブル ミシェル
ロッシ ルッソ フェラーリ エスポージト ビアンキ ロマーノ コロンボ リッチ マリーノ グレコ ブルーノ ガッロ コンティ デルーカ
イワノフ スミルノフ クズネツォフ ポポフ ワシリエフ ペトロフ ソコロフ ミハイロフ ノヴィコフ フョードロフ モロゾフ ヴォルコフ
アレクセーエフ レベデフ セミョーノフ エゴロフ パヴロフ コズロフ ステパノフ ニコラエフ オルロフ アンドレーエフ マカロフ
コワルスキー ノヴァク ノヴァーク ヴィシニェフスキ ヤンセン デヨング デフリース ファンデンベルフ ペーテルス ハンセン ニールセン
ヨハンソン アンデション カールソン ニルソン ラーション オルソン ペーション エリクソン ヤンソン コルホネン ヴィルタネン
リンカーン ジェファーソン ルーズベルト ローズヴェルト アイゼンハワー トルーマン レーガン ブッシュ クリントン
チャーチル サッチャー ブレア ド・ゴール ゴルバチョフ エリツィン プーチン スターリン レーニン トロツキー フルシチョフ
マクドナルド マッカーシー マッケンジー マクレガー マクファーソン マクラーレン マコーミック オブライエン オコナー オニール
フィッツジェラルド ケリー ライアン ドイル ブレナン バーク ウォルシュ マーフィ ギャラガー ドハーティ クイン
ゴンサレス フェルナンデス ロドリゲス サンチェス ペレス ゴメス マルティン ルイス ディアス アルバレス モレノ ムニョス
ロメロ アロンソ グティエレス ナバロ トーレス ドミンゲス バスケス ラモス ヒル セラーノ ブランコ スアレス カストロ オルテガ
シルバ サントス オリヴェイラ オリベイラ ソウザ ペレイラ コスタ カルヴァーリョ アウベス リマ ゴメス リベイロ マルティンス
ブラウニング ヘミングウェイ ディケンズ シェイクスピア ハーディング スターリング ヤング キング ハリントン ウォリントン
`);

/**
 * Endings of foreign family names in katakana (-son, -man, -vich, -ski, -ov/-ev, -nen, -ini/-etti, -ez):
 * evidence, weighed by the scorer, that an unknown katakana word is a surname.
 */
export const FOREIGN_SURNAME_ENDING =
  /(?:ソン|マン|[ヴビ]ィ?ッチ|スキー|ツキー|スカ|[ノロコモトゾレ]フ|[エー]フ|ネン|[ーッ]ニ|ッティ|ッリ|[ェエ]ス|ーノ|ンガー|バーグ|ベルグ|ベルク|シュタイン)$/;

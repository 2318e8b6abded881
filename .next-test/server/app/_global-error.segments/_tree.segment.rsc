1:[["children",{"s":"__PAGE__","h":176}]]
0:{"b":"nniQAapbv-TIg6PumOM3T","t":{"t":{"s":"","h":80,"c":"$Q1"}}}

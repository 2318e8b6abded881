:HL["/_next/static/chunks/1pi1xbafxek-e.css","style"]
2:[["children",{"s":"__PAGE__","h":160}]]
1:[["children",{"s":"/_not-found","h":96,"c":"$Q2"}]]
0:{"b":"nniQAapbv-TIg6PumOM3T","t":{"t":{"s":"","h":80,"c":"$Q1"}}}

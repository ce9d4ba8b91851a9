/*
 * kyodo-map: many areas as one layer on Leaflet's canvas (L.KyodoShapes), loaded with
 * the base map before kyodo.js, which draws a country's areas with it.
 */
(function (L) {
    "use strict";
    if (L.KyodoShapes) { return; }

    // Web Mercator at zoom 0, as L.CRS.EPSG3857 projects (x and y from 0 to 256).
    var MAX_LAT = 85.0511287798;

    function worldX(lng) { return 256 * (lng / 360 + 0.5); }

    function worldY(lat) {
        var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
        return 256 * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
    }

    function dashes(style) {
        return style.dashArray ? String(style.dashArray).split(/[ ,]+/).map(Number) : [];
    }

    // The areas of d (see L.kyodo.areas in kyodo.js: d.f holds [properties, [type,
    // rings]] per area, each ring as integer steps of 1/scale degree) in a few typed
    // arrays: xy, every vertex as Web Mercator x, y at zoom 0; ring, where each ring
    // starts in xy (and, last, its length); first, each area's first ring (and, last,
    // the number of rings); box, each area's [minX, minY, maxX, maxY]; all, the box
    // of them all.
    function areaSet(d, scale) {
        var n = d.f.length, vertices = 0, rings = 0, parts = [];
        d.f.forEach(function (f) {
            var g = f[1], list = g[0] === "Polygon" ? g[1] : [].concat.apply([], g[1]);
            parts.push(list);
            rings += list.length;
            list.forEach(function (r) { vertices += r.length; });
        });
        var xy = new Float64Array(vertices), ring = new Int32Array(rings + 1);
        var first = new Int32Array(n + 1), box = new Float64Array(4 * n), k = 0, q = 0;
        var all = [Infinity, Infinity, -Infinity, -Infinity];
        parts.forEach(function (list, a) {
            var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
            first[a] = q;
            for (var r = 0; r < list.length; r++) {
                var steps = list[r], x = 0, y = 0;
                ring[q++] = k;
                for (var i = 0; i < steps.length; i += 2) {
                    x += steps[i]; y += steps[i + 1];
                    var wx = worldX(x / scale), wy = worldY(y / scale);
                    xy[k++] = wx; xy[k++] = wy;
                    if (wx < x0) { x0 = wx; }
                    if (wx > x1) { x1 = wx; }
                    if (wy < y0) { y0 = wy; }
                    if (wy > y1) { y1 = wy; }
                }
            }
            box[4 * a] = x0; box[4 * a + 1] = y0; box[4 * a + 2] = x1; box[4 * a + 3] = y1;
            all = [Math.min(all[0], x0), Math.min(all[1], y0), Math.max(all[2], x1), Math.max(all[3], y1)];
        });
        ring[rings] = k;
        first[n] = rings;
        return {
            n: n, xy: xy, ring: ring, first: first, box: box, all: all,
            props: d.f.map(function (f) { return f[0]; })
        };
    }

    // Whether (x, y) (Web Mercator at zoom 0) is inside area a (even-odd: holes are out).
    function inside(set, a, x, y) {
        var xy = set.xy, ring = set.ring, hit = false;
        for (var r = set.first[a]; r < set.first[a + 1]; r++) {
            for (var i = ring[r], j = ring[r + 1] - 2; i < ring[r + 1]; j = i, i += 2) {
                var yi = xy[i + 1], yj = xy[j + 1];
                if ((yi > y) !== (yj > y) && x < (xy[j] - xy[i]) * (y - yi) / (yj - yi) + xy[i]) {
                    hit = !hit;
                }
            }
        }
        return hit;
    }

    // Many areas as one layer on the canvas renderer: their rings are kept as Web
    // Mercator coordinates at zoom 0 (typed arrays, areaSet), drawn for the view as the
    // canvas paints and hit-tested by box and then by ring. One layer, not one per
    // area: a country's 1,741 municipalities cost the page a few arrays. Over an area
    // the layer is that area: its outline thickens, .feature is its feature (for the
    // tooltip of the group it is in) and toGeoJSON() tells it (for a click).
    L.KyodoShapes = L.Path.extend({
        options: {interactive: true, weight: 7},  // the widest outline, hovered
        // d: the areas (areaSet); their distinct styles d.k, each area's index into them
        // d.s (by area id); canvasStyle: a style of d.k as the canvas paints it
        initialize: function (d, scale, canvasStyle) {
            var set = this._set = areaSet(d, scale), kinds = d.k.map(function (k) {
                var s = canvasStyle(k);
                return L.extend({}, s, {dashes: dashes(s)});  // the outline's dashes, once
            });
            this._styles = set.props.map(function (p) { return kinds[d.s[p.area_id]]; });
            this._hover = this._hit = -1;
            this.on({
                mouseover: this._moved, mousemove: this._moved, mouseout: this._out,
                click: function (e) { this._at = e.latlng; }
            }, this);
        },
        // the canvas the areas are on takes the map's points too (L.KyodoDots)
        onAdd: function (map) {
            L.Path.prototype.onAdd.call(this, map);
            map.kyodoCanvas = this._renderer;
        },
        onRemove: function (map) {
            if (map.kyodoCanvas === this._renderer) { map.kyodoCanvas = null; }
            L.Path.prototype.onRemove.call(this, map);
        },
        // the number of areas, and the properties of one
        count: function () { return this._set.n; },
        properties: function (a) { return this._set.props[a]; },
        getBounds: function () {
            var set = this._set, b = L.latLngBounds([]);
            var crs = L.CRS.EPSG3857;
            for (var a = 0; a < set.n; a++) {
                b.extend(crs.pointToLatLng(L.point(set.box[4 * a], set.box[4 * a + 1]), 0));
                b.extend(crs.pointToLatLng(L.point(set.box[4 * a + 2], set.box[4 * a + 3]), 0));
            }
            return b;
        },
        getCenter: function () { return this.getBounds().getCenter(); },
        // the area last under the pointer, as a click reports it
        toGeoJSON: function () {
            var at = this._at || L.latLng(0, 0);
            return {
                type: "Feature",
                properties: this._hit >= 0 ? this._set.props[this._hit] : {},
                geometry: {type: "Point", coordinates: [at.lng, at.lat]}
            };
        },
        _project: function () {
            var map = this._map, o = map.getPixelOrigin(), s = Math.pow(2, map.getZoom());
            var all = this._set.all;
            this._s = s; this._ox = o.x; this._oy = o.y;
            this._pxBounds = this._set.n ?
                L.bounds([all[0] * s - o.x, all[1] * s - o.y], [all[2] * s - o.x, all[3] * s - o.y]) : null;
        },
        _update: function () {},
        _trace: function (ctx, a) {
            var set = this._set, xy = set.xy, ring = set.ring, s = this._s, ox = this._ox, oy = this._oy;
            for (var r = set.first[a]; r < set.first[a + 1]; r++) {
                ctx.moveTo(xy[ring[r]] * s - ox, xy[ring[r] + 1] * s - oy);
                for (var i = ring[r] + 2; i < ring[r + 1]; i += 2) {
                    ctx.lineTo(xy[i] * s - ox, xy[i + 1] * s - oy);
                }
                ctx.closePath();
            }
        },
        // Draws the areas in the renderer's bounds (called by the canvas as it paints its
        // layers), each filled and outlined in turn as SVG would draw them.
        _updatePath: function () {
            var r = this._renderer, ctx = r._ctx, b = r._bounds;
            if (!r._drawing || !ctx || !b) { return; }
            var set = this._set, box = set.box, s = this._s;
            var x0 = (b.min.x + this._ox) / s, y0 = (b.min.y + this._oy) / s;
            var x1 = (b.max.x + this._ox) / s, y1 = (b.max.y + this._oy) / s;
            for (var a = 0; a < set.n; a++) {
                var i = 4 * a;
                if (box[i + 2] < x0 || box[i] > x1 || box[i + 3] < y0 || box[i + 1] > y1) { continue; }
                ctx.beginPath();
                this._trace(ctx, a);
                this._fill(ctx, this._styles[a]);
                this._stroke(ctx, this._styles[a], 0);
            }
            if (this._hover >= 0) {  // the outline under the pointer, on top
                ctx.beginPath();
                this._trace(ctx, this._hover);
                this._stroke(ctx, this._styles[this._hover], 2);
            }
        },
        // Fills or outlines the traced path in a style (Leaflet's defaults where it
        // says nothing), the outline `wider` pixels wider.
        _fill: function (ctx, o) {
            if (o.fill === false) { return; }
            ctx.globalAlpha = o.fillOpacity === undefined ? 0.2 : o.fillOpacity;
            ctx.fillStyle = o.fillColor || o.color || "#3388ff";
            ctx.fill("evenodd");
        },
        _stroke: function (ctx, o, wider) {
            if (o.stroke === false || o.weight === 0) { return; }
            if (ctx.setLineDash) { ctx.setLineDash(o.dashes || []); }
            ctx.globalAlpha = o.opacity === undefined ? 1 : o.opacity;
            ctx.lineWidth = (o.weight === undefined ? 3 : o.weight) + wider;
            ctx.strokeStyle = o.color || "#3388ff";
            ctx.lineCap = ctx.lineJoin = "round";
            ctx.stroke();
        },
        // The area at a layer point (the last drawn on top), noted for the event that
        // the renderer fires next.
        _containsPoint: function (p) {
            var set = this._set, box = set.box;
            var x = (p.x + this._ox) / this._s, y = (p.y + this._oy) / this._s;
            this._hit = -1;
            for (var a = set.n - 1; a >= 0; a--) {
                var i = 4 * a;
                if (x < box[i] || x > box[i + 2] || y < box[i + 1] || y > box[i + 3]) { continue; }
                if (inside(set, a, x, y)) { this._hit = a; break; }
            }
            return this._hit >= 0;
        },
        _moved: function (e) {
            this._at = e.latlng;
            if (this._hit === this._hover) { return; }
            this._hover = this._hit;
            this.feature = this._hit >= 0 ? {type: "Feature", properties: this._set.props[this._hit]} : null;
            var group = this._group;
            if (group && group.isTooltipOpen && group.isTooltipOpen()) { group.getTooltip().update(); }
            if (this._renderer) { this._renderer._requestRedraw(this); }
        },
        _out: function () {
            this._hover = -1;
            if (this._renderer) { this._renderer._requestRedraw(this); }
        }
    });

    // --- one tooltip for a layer of many items --------------------------------------------

    // Methods of a layer of many items (points, counts) with one tooltip, this._tip, for
    // the item under the pointer: _tipAt shows item i's text at its place (this._at[i]),
    // once until another item is under the pointer; _leave closes it.
    var itemTip = {
        _tipAt: function (i, text, offset) {
            if (i === this._shown) { return; }
            this._shown = i;
            if (offset) { this._tip.options.offset = offset; }
            this._tip.setContent(text);
            this._map.openTooltip(this._tip, this._at[i]);
        },
        _leave: function () {
            this._shown = -1;
            if (this._map && this._tip) { this._map.closeTooltip(this._tip); }
        }
    };
    L.KyodoShapes.itemTip = itemTip;

    // --- counts over many areas ---------------------------------------------------------

    // The diameter (px) of the circle of a count, at least d.m (a touch target).
    function countSize(d, count) {
        return Math.max(d.m || 0, Math.round(26 + 6 * Math.log(count) / Math.LN10));
    }

    // A count with thousands separated by commas.
    function countText(v) { return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

    // A count's tooltip: the area's name, then the count in words (d.u, or d.u1 for a
    // count of 1 where the words differ: 「1 organisation」).
    function countTip(d, r) {
        var u = r[2] === 1 && d.u1 ? d.u1 : d.u;
        return d.t[r[3]] + u[0] + countText(r[2]) + u[1];
    }

    // The counts of a large point layer painted on the canvas of many areas, as the
    // circles of .kyodo-count look (kyodo.css): d as L.kyodo.counts takes it (kyodo.js).
    // The circle under the pointer shows its tooltip (the name, d.u[0], the count,
    // d.u[1]); a tap zooms in, down to zoom d.z at least. They stay on top of the
    // canvas's points ("kyodofront").
    L.KyodoCountDiscs = L.Path.extend({
        // sizes: each circle's diameter (countSize), worked out once by the counts' layer
        initialize: function (d, sizes) {
            this._d = d;
            this._at = d.r.map(function (r) { return L.latLng(r[0], r[1]); });
            this._radius = sizes.map(function (s) { return s / 2; });
            this._xy = [];
            this._hit = this._shown = -1;
            L.setOptions(this, {interactive: d.i !== false, weight: 3});
            if (d.i === false) { return; }
            this._tip = L.tooltip({direction: "top"});
            this.on({mousemove: this._hover, mouseout: this._leave, click: this._zoom}, this);
        },
        onAdd: function (map) {
            L.Path.prototype.onAdd.call(this, map);
            map.on("kyodofront", this.bringToFront, this);
        },
        onRemove: function (map) {
            map.off("kyodofront", this.bringToFront, this);
            this._leave();
            L.Path.prototype.onRemove.call(this, map);
        },
        getBounds: function () { return L.latLngBounds(this._at); },
        _project: function () {
            var map = this._map, r = Math.max.apply(null, this._radius.concat([0])) + 4;
            this._xy = this._at.map(function (p) { return map.latLngToLayerPoint(p); });
            var b = this._xy.length ? L.bounds(this._xy) : null;
            this._pxBounds = b && L.bounds(b.min.subtract([r, r]), b.max.add([r, r]));
        },
        _update: function () {},
        _updatePath: function () {
            var renderer = this._renderer, ctx = renderer._ctx, d = this._d;
            if (!renderer._drawing || !ctx) { return; }
            var touch = L.DomUtil.hasClass(this._map.getContainer(), "kyodo-touch");
            ctx.save();
            ctx.font = "bold " + (touch ? 20 : 12) + "px sans-serif";
            ctx.textAlign = "center";
            ctx.textBaseline = "middle";
            this._xy.forEach(function (p, i) {
                var radius = this._radius[i];
                ctx.beginPath();
                ctx.arc(p.x, p.y, radius - 1.5, 0, 2 * Math.PI);
                ctx.globalAlpha = 1;
                ctx.shadowColor = "rgba(0, 0, 0, .35)";
                ctx.shadowBlur = 4;
                ctx.shadowOffsetY = 1;
                ctx.fillStyle = "rgba(255, 255, 255, .92)";
                ctx.fill();
                ctx.shadowColor = "transparent";
                ctx.lineWidth = 3;
                ctx.strokeStyle = d.c;
                ctx.setLineDash([]);
                ctx.stroke();
                ctx.fillStyle = "#222";
                ctx.fillText(countText(d.r[i][2]), p.x, p.y + 1);
            }, this);
            ctx.restore();
        },
        // The circle at a layer point (the last drawn on top).
        _containsPoint: function (p) {
            this._hit = -1;
            for (var i = this._xy.length - 1; i >= 0; i--) {
                var r = this._radius[i], dx = this._xy[i].x - p.x, dy = this._xy[i].y - p.y;
                if (dx * dx + dy * dy <= r * r) { this._hit = i; break; }
            }
            return this._hit >= 0;
        },
        _hover: function () {
            var i = this._hit, d = this._d, r = d.r[i];
            if (i < 0) { this._leave(); return; }
            this._tipAt(i, countTip(d, r), [0, -this._radius[i]]);
        },
        _zoom: function () {
            var map = this._map, i = this._hit;
            if (map && i >= 0) { map.setView(this._at[i], Math.max(map.getZoom() + 2, this._d.z)); }
        }
    });

    L.KyodoCountDiscs.include(itemTip);
    L.KyodoCountDiscs.size = countSize;
    L.KyodoCountDiscs.text = countText;
    L.KyodoCountDiscs.tip = countTip;
}(window.L));

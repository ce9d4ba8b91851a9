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

    // Whether (x, y) is inside the rings of one area (even-odd: holes are out).
    function inside(a, x, y) {
        var xy = a.xy, starts = a.starts, hit = false;
        for (var r = 0; r + 1 < starts.length; r++) {
            for (var i = starts[r], j = starts[r + 1] - 2; i < starts[r + 1]; j = i, i += 2) {
                var yi = xy[i + 1], yj = xy[j + 1];
                if ((yi > y) !== (yj > y) && x < (xy[j] - xy[i]) * (y - yi) / (yj - yi) + xy[i]) {
                    hit = !hit;
                }
            }
        }
        return hit;
    }

    function dashes(style) {
        return style.dashArray ? String(style.dashArray).split(/[ ,]+/).map(Number) : [];
    }

    // Many areas as one layer on the canvas renderer: each area's rings are kept as
    // Web Mercator coordinates at zoom 0 (typed arrays), drawn for the view as they are
    // painted and hit-tested by box and then by ring. One layer, not one per area: a
    // country's 1,741 municipalities cost the page a few arrays. Over an area the
    // layer is that area: its outline thickens, .feature is its feature (for the
    // tooltip of the group it is in) and toGeoJSON() tells it (for a click).
    L.KyodoShapes = L.Path.extend({
        options: {interactive: true, weight: 7},  // the widest outline, hovered
        initialize: function (list, styles) {
            this._list = list;
            this._styles = styles;
            this._hover = this._hit = -1;
            this.on({
                mouseover: this._moved, mousemove: this._moved, mouseout: this._out,
                click: function (e) { this._at = e.latlng; }
            }, this);
        },
        getBounds: function () {
            var b = L.latLngBounds([]);
            this._list.forEach(function (a) { b.extend(a.bounds); });
            return b;
        },
        getCenter: function () { return this.getBounds().getCenter(); },
        // the area last under the pointer, as a click reports it
        toGeoJSON: function () {
            var a = this._list[this._hit], at = this._at || L.latLng(0, 0);
            return {
                type: "Feature",
                properties: a ? a.feature.properties : {},
                geometry: {type: "Point", coordinates: [at.lng, at.lat]}
            };
        },
        _project: function () {
            var map = this._map, o = map.getPixelOrigin(), s = Math.pow(2, map.getZoom());
            var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
            this._s = s; this._ox = o.x; this._oy = o.y;
            this._list.forEach(function (a) {
                var b = a.box;
                minX = Math.min(minX, b[0]); minY = Math.min(minY, b[1]);
                maxX = Math.max(maxX, b[2]); maxY = Math.max(maxY, b[3]);
            });
            this._pxBounds = this._list.length ?
                L.bounds([minX * s - o.x, minY * s - o.y], [maxX * s - o.x, maxY * s - o.y]) : null;
        },
        _update: function () {},
        _empty: function () { return !this._list.length; },
        // Draws the areas in the renderer's bounds (called by the canvas as it paints).
        _updatePath: function () {
            var r = this._renderer, ctx = r._ctx, b = r._bounds;
            if (!r._drawing || !ctx || !b) { return; }
            var s = this._s, ox = this._ox, oy = this._oy, list = this._list;
            var x0 = (b.min.x + ox) / s, y0 = (b.min.y + oy) / s;
            var x1 = (b.max.x + ox) / s, y1 = (b.max.y + oy) / s;
            for (var i = 0; i < list.length; i++) {
                var box = list[i].box;
                if (box[2] < x0 || box[0] > x1 || box[3] < y0 || box[1] > y1) { continue; }
                this._trace(ctx, list[i]);
                this._paint(ctx, this._styles[i], 0);
            }
            if (list[this._hover]) {  // the outline under the pointer, on top
                this._trace(ctx, list[this._hover]);
                this._paint(ctx, L.extend({}, this._styles[this._hover], {fill: false}), 2);
            }
        },
        _trace: function (ctx, a) {
            var xy = a.xy, starts = a.starts, s = this._s, ox = this._ox, oy = this._oy;
            ctx.beginPath();
            for (var r = 0; r + 1 < starts.length; r++) {
                for (var i = starts[r]; i < starts[r + 1]; i += 2) {
                    var x = xy[i] * s - ox, y = xy[i + 1] * s - oy;
                    if (i === starts[r]) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
                }
                ctx.closePath();
            }
        },
        // Fills and outlines the traced path in a style (Leaflet's defaults where it
        // says nothing), the outline `wider` pixels wider.
        _paint: function (ctx, o, wider) {
            if (o.fill !== false) {
                ctx.globalAlpha = o.fillOpacity === undefined ? 0.2 : o.fillOpacity;
                ctx.fillStyle = o.fillColor || o.color || "#3388ff";
                ctx.fill("evenodd");
            }
            if (o.stroke !== false && o.weight !== 0) {
                if (ctx.setLineDash) { ctx.setLineDash(dashes(o)); }
                ctx.globalAlpha = o.opacity === undefined ? 1 : o.opacity;
                ctx.lineWidth = (o.weight === undefined ? 3 : o.weight) + wider;
                ctx.strokeStyle = o.color || "#3388ff";
                ctx.lineCap = ctx.lineJoin = "round";
                ctx.stroke();
            }
        },
        // The area at a layer point (the last drawn on top), noted for the event that
        // the renderer fires next.
        _containsPoint: function (p) {
            var x = (p.x + this._ox) / this._s, y = (p.y + this._oy) / this._s, list = this._list;
            this._hit = -1;
            for (var i = list.length - 1; i >= 0; i--) {
                var box = list[i].box;
                if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) { continue; }
                if (inside(list[i], x, y)) { this._hit = i; break; }
            }
            return this._hit >= 0;
        },
        _moved: function (e) {
            this._at = e.latlng;
            if (this._hit === this._hover) { return; }
            this._hover = this._hit;
            this.feature = this._list[this._hit] ? this._list[this._hit].feature : null;
            var group = this._group;
            if (group && group.isTooltipOpen && group.isTooltipOpen()) { group.getTooltip().update(); }
            if (this._renderer) { this._renderer._requestRedraw(this); }
        },
        _out: function () {
            this._hover = -1;
            if (this._renderer) { this._renderer._requestRedraw(this); }
        }
    });

    // The areas of d (see L.kyodo.areas in kyodo.js) as the list L.KyodoShapes keeps:
    // d.f holds [properties, [type, rings]] per area, each ring as integer steps of
    // 1/scale degree.
    L.KyodoShapes.list = function (d, scale) {
        return d.f.map(function (f) {
            var g = f[1], rings = g[0] === "Polygon" ? g[1] : [].concat.apply([], g[1]);
            var n = 0;
            rings.forEach(function (r) { n += r.length; });
            var xy = new Float64Array(n), starts = [], k = 0;
            var box = [Infinity, Infinity, -Infinity, -Infinity];
            var south = 90, west = 180, north = -90, east = -180;
            rings.forEach(function (r) {
                starts.push(k);
                for (var i = 0, x = 0, y = 0; i < r.length; i += 2) {
                    x += r[i]; y += r[i + 1];
                    var lng = x / scale, lat = y / scale, wx = worldX(lng), wy = worldY(lat);
                    xy[k++] = wx; xy[k++] = wy;
                    box[0] = Math.min(box[0], wx); box[1] = Math.min(box[1], wy);
                    box[2] = Math.max(box[2], wx); box[3] = Math.max(box[3], wy);
                    south = Math.min(south, lat); north = Math.max(north, lat);
                    west = Math.min(west, lng); east = Math.max(east, lng);
                }
            });
            starts.push(k);
            return {
                feature: {type: "Feature", properties: f[0]},
                xy: xy, starts: starts, box: box, bounds: [[south, west], [north, east]]
            };
        });
    };
}(window.L));

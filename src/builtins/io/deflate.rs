//! Raw deflate streams (RFC 1951): inflate, and a fixed-Huffman deflate.

use super::zip::le16;

/// Bits of a deflate stream, least significant first.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    count: u32,
}

impl Bits<'_> {
    /// The next `n` bits.
    fn need(&mut self, n: u32) -> Option<u32> {
        while self.count < n {
            let byte = *self.data.get(self.pos)?;
            self.pos += 1;
            self.buf |= u64::from(byte) << self.count;
            self.count += 8;
        }
        let v = (self.buf & ((1u64 << n) - 1)) as u32;
        self.buf >>= n;
        self.count -= n;
        Some(v)
    }
}

/// A canonical Huffman code: how many codes of each length, and the
/// symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code for symbols of these bit lengths (None if over-subscribed).
    fn new(lengths: &[u8]) -> Option<Huffman> {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l).min(15)] += 1;
        }
        counts[0] = 0;
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let slot = &mut offs[usize::from(l).min(15)];
                *symbols.get_mut(usize::from(*slot))? = sym as u16;
                *slot += 1;
            }
        }
        Some(Huffman { counts, symbols })
    }

    /// The next symbol.
    fn decode(&self, bits: &mut Bits) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.need(1)? as i32;
            let count = i32::from(self.counts[len]);
            if code - count < first {
                return self.symbols.get((index + (code - first)) as usize).copied();
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        None
    }
}

const LEN_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/// Decompresses a raw deflate stream of at most `limit` bytes.
pub(super) fn inflate(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut used = 0usize;
    inflate_counting(data, limit, &mut used)
}

/// `inflate`, also telling how many input bytes the stream took.
pub(super) fn inflate_counting(data: &[u8], limit: usize, used: &mut usize) -> Option<Vec<u8>> {
    let mut bits = Bits { data, pos: 0, buf: 0, count: 0 };
    let mut out: Vec<u8> = Vec::with_capacity(limit.min(1 << 26));
    loop {
        let last = bits.need(1)?;
        match bits.need(2)? {
            0 => {
                bits.buf = 0;
                bits.count = 0;
                let len = le16(data, bits.pos)? as usize;
                let nlen = le16(data, bits.pos + 2)? as usize;
                if len != (!nlen & 0xFFFF) {
                    return None;
                }
                let start = bits.pos + 4;
                out.extend_from_slice(data.get(start..start + len)?);
                bits.pos = start + len;
            }
            kind @ (1 | 2) => {
                let (lit, dist) = if kind == 1 {
                    let mut l = [8u8; 288];
                    l[144..256].fill(9);
                    l[256..280].fill(7);
                    (Huffman::new(&l)?, Huffman::new(&[5u8; 30])?)
                } else {
                    let nlit = bits.need(5)? as usize + 257;
                    let ndist = bits.need(5)? as usize + 1;
                    let ncode = bits.need(4)? as usize + 4;
                    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
                    let mut cl = [0u8; 19];
                    for &o in ORDER.iter().take(ncode) {
                        cl[o] = bits.need(3)? as u8;
                    }
                    let clh = Huffman::new(&cl)?;
                    let mut lengths = Vec::with_capacity(nlit + ndist);
                    while lengths.len() < nlit + ndist {
                        let sym = clh.decode(&mut bits)?;
                        match sym {
                            0..=15 => lengths.push(sym as u8),
                            16 => {
                                let prev = *lengths.last()?;
                                let n = 3 + bits.need(2)?;
                                lengths.extend(std::iter::repeat_n(prev, n as usize));
                            }
                            17 => {
                                let n = 3 + bits.need(3)?;
                                lengths.extend(std::iter::repeat_n(0, n as usize));
                            }
                            _ => {
                                let n = 11 + bits.need(7)?;
                                lengths.extend(std::iter::repeat_n(0, n as usize));
                            }
                        }
                    }
                    if lengths.len() != nlit + ndist {
                        return None;
                    }
                    (Huffman::new(&lengths[..nlit])?, Huffman::new(&lengths[nlit..])?)
                };
                loop {
                    let sym = lit.decode(&mut bits)? as usize;
                    if sym < 256 {
                        out.push(sym as u8);
                    } else if sym == 256 {
                        break;
                    } else {
                        let k = sym - 257;
                        let len = usize::from(*LEN_BASE.get(k)?) + bits.need(u32::from(LEN_EXTRA[k]))? as usize;
                        let d = dist.decode(&mut bits)? as usize;
                        let back = usize::from(*DIST_BASE.get(d)?) + bits.need(u32::from(DIST_EXTRA[d]))? as usize;
                        if back > out.len() {
                            return None;
                        }
                        let from = out.len() - back;
                        for j in 0..len {
                            let byte = out[from + j];
                            out.push(byte);
                        }
                    }
                    if out.len() > limit {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        if out.len() > limit {
            return None;
        }
        if last == 1 {
            *used = bits.pos - (bits.count / 8) as usize;
            return Some(out);
        }
    }
}

/// Writes bits least significant first.
struct BitWriter {
    out: Vec<u8>,
    buf: u64,
    count: u32,
}

impl BitWriter {
    /// Appends the low `n` bits of `value`.
    fn put(&mut self, value: u32, n: u32) {
        self.buf |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.count -= 8;
        }
    }
    /// A Huffman code, sent most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let mut rev = 0u32;
        for i in 0..len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(rev, len);
    }
    /// The bytes, the last one zero-padded.
    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}

/// The fixed-Huffman code of a literal/length symbol.
fn fixed_code(sym: usize) -> (u32, u32) {
    match sym {
        0..=143 => (0x30 + sym as u32, 8),
        144..=255 => (0x190 + (sym as u32 - 144), 9),
        256..=279 => (sym as u32 - 256, 7),
        _ => (0xC0 + (sym as u32 - 280), 8),
    }
}

/// Raw deflate with fixed Huffman codes and LZ77 matches found through a
/// hash of 3-byte prefixes (one fixed-code block).
pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    const WINDOW: usize = 32768;
    const HASH: usize = 1 << 15;
    let mut w = BitWriter { out: Vec::with_capacity(data.len() / 2 + 16), buf: 0, count: 0 };
    w.put(1, 1);
    w.put(1, 2);
    let mut head = vec![usize::MAX; HASH];
    let mut prev = vec![usize::MAX; WINDOW];
    let hash = |i: usize| -> usize {
        let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        (v.wrapping_mul(2_654_435_761) >> 17) as usize & (HASH - 1)
    };
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + 2 < data.len() {
            let h = hash(i);
            prev[i % WINDOW] = head[h];
            head[h] = i;
        }
    };
    let mut i = 0usize;
    while i < data.len() {
        let mut best_len = 0usize;
        let mut best_dist = 0usize;
        if i + 2 < data.len() {
            let mut cand = head[hash(i)];
            let mut tries = 32;
            while cand != usize::MAX && i - cand <= WINDOW && tries > 0 {
                let max = (data.len() - i).min(258);
                let mut l = 0;
                while l < max && data[cand + l] == data[i + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_dist = i - cand;
                    if l == max {
                        break;
                    }
                }
                let next = prev[cand % WINDOW];
                if next == usize::MAX || next >= cand {
                    break;
                }
                cand = next;
                tries -= 1;
            }
        }
        if best_len >= 3 {
            let k = LEN_BASE.iter().rposition(|&b| usize::from(b) <= best_len).unwrap_or(0);
            let (c, n) = fixed_code(257 + k);
            w.code(c, n);
            w.put((best_len - usize::from(LEN_BASE[k])) as u32, u32::from(LEN_EXTRA[k]));
            let d = DIST_BASE.iter().rposition(|&b| usize::from(b) <= best_dist).unwrap_or(0);
            w.code(d as u32, 5);
            w.put((best_dist - usize::from(DIST_BASE[d])) as u32, u32::from(DIST_EXTRA[d]));
            for j in i..i + best_len {
                insert(j, &mut head, &mut prev);
            }
            i += best_len;
        } else {
            let (c, n) = fixed_code(usize::from(data[i]));
            w.code(c, n);
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    let (c, n) = fixed_code(256);
    w.code(c, n);
    w.finish()
}

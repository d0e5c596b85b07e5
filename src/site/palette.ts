// Thread colours: distinguishable hues that keep enough contrast on both the light and the dark background.
export const PALETTE = [
  '#2f7ed8', '#e4572e', '#29a35a', '#9b59b6', '#e6a000', '#17a2b8',
  '#d63384', '#6f8f00', '#8c564b', '#5c6bc0', '#ff7f0e', '#00897b',
];

export const colourAt = (i: number) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;

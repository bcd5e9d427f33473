// the same placeholder as the goals list
export { default } from "../loading";

// React alone (createContext + useContext), to show how little of each row is React glue:
// react, react-dom and react/jsx-runtime are external in every entry.
import { createContext, useContext } from 'react';

const FlagContext = createContext(false);

function Banner() {
  const on = useContext(FlagContext);
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <FlagContext.Provider value={true}>
      <Banner />
    </FlagContext.Provider>
  );
}

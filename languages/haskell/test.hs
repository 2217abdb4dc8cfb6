main :: IO ()
main = putStrLn "Hello from Runbox in Haskell"
